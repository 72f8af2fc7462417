package dev.imbytes.hostile;

import dev.imbytes.DecodeOptions;
import dev.imbytes.ImageException;
import dev.imbytes.ImageMat;
import dev.imbytes.ImageTooLargeException;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run in a small child JVM by {@link BombMemoryTest}: tries every {@code bomb} row of index.tsv,
 * headers patched to absurd sizes and TIFF tile bombs, with every format allowed (strict and lenient). Prints
 * "refused NAME" or "NOT REFUSED NAME: outcome" per bomb, then "VmHWM N" (peak RSS in kB).
 */
public final class BombMain {
    private BombMain() {
    }

    public static void main(String[] args) {
        Map<String, byte[]> bombs = new LinkedHashMap<>();
        for (TestImages.Row r : TestImages.rows(TestImages.Expected.BOMB)) {
            bombs.put(r.path(), r.bytes());
        }
        byte[] png = TestImages.bytes("valid/pngsuite/basn6a08.png");
        byte[] jpeg = TestImages.bytes("valid/pillow/hopper.jpg");
        byte[] bmp = TestImages.bytes("valid/pillow/rgb24.bmp");
        bombs.put("synthetic PNG 50000x50000", Hostile.pngWithSize(png, 50_000, 50_000));
        bombs.put("synthetic PNG 1x2000000000", Hostile.pngWithSize(png, 1, 2_000_000_000));
        bombs.put("synthetic JPEG 65000x65000", Hostile.jpegWithSize(jpeg, 65_000, 65_000));
        bombs.put("synthetic BMP 40000x40000", Hostile.bmpWithSize(bmp, 40_000, 40_000));
        bombs.put("synthetic TIFF 1x1 with a 16000x16000 tile", TiffCases.tileBomb());
        bombs.put("synthetic TIFF 1x1 with an 8000x8000 deflate tile", TiffCases.deflateTileBomb());
        for (Map.Entry<String, byte[]> b : bombs.entrySet()) {
            for (boolean lenient : new boolean[] {false, true}) {
                String outcome;
                try (ImageMat img = Imbytes.decode(b.getValue(),
                        DecodeOptions.defaults().allowingAllFormats().withLenient(lenient))) {
                    outcome = "NOT REFUSED " + b.getKey() + ": decoded " + img.width() + "x" + img.height();
                } catch (ImageTooLargeException e) {
                    outcome = "refused " + b.getKey() + (lenient ? " (lenient)" : "") + ": " + e.getMessage();
                } catch (ImageException e) {
                    outcome = "NOT REFUSED " + b.getKey() + ": " + e;
                }
                System.out.println(outcome);
            }
        }
        System.out.println("VmHWM " + Hostile.procStatusKb("VmHWM"));
    }
}
