package dev.imbytes.hostile;

import dev.imbytes.Conversion;
import dev.imbytes.ConversionResult;
import dev.imbytes.DecodeOptions;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.ReadMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Run in a child JVM by {@link DecoderBoundsTest}, so that its stderr and its peak RSS belong to
 * one scenario. Prints one line per conversion, "NAME MODE -> OUTCOME" (the exception's simple
 * name, or "ok WxH partial=B"), then "VmHWM N" (peak RSS in kB).
 *
 * <ul>
 * <li>{@code tiff}: every {@link TiffCases} file, strict and lenient, then three tile bombs at once</li>
 * <li>{@code png16 W H TARGET}: a W×H RGBA 16-bit PNG (zero pixels) converted to TARGET</li>
 * <li>{@code png8 W H TARGET} and {@code png8a W H TARGET}: the same, 8-bit RGB and RGBA</li>
 * </ul>
 */
public final class DecoderBoundsMain {
    private DecoderBoundsMain() {
    }

    /** Runs the scenario named by {@code args[0]} (see the class comment), then prints the peak RSS. */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "tiff" -> tiff();
            case "png16", "png8", "png8a" -> convert(args[0], png(args[0], Integer.parseInt(args[1]),
                    Integer.parseInt(args[2])), Conversion.to(Format.valueOf(args[3])), "default");
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("VmHWM " + Hostile.procStatusKb("VmHWM"));
    }

    private static void tiff() throws Exception {
        for (Map.Entry<String, byte[]> c : TiffCases.all().entrySet()) {
            for (boolean lenient : new boolean[] {false, true}) {
                Conversion conv = Conversion.to(Format.PNG).withDecodeOptions(
                        DecodeOptions.defaults().withMode(ReadMode.UNCHANGED).withLenient(lenient));
                convert(c.getKey(), c.getValue(), conv, lenient ? "lenient" : "strict");
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(pool.submit(() -> convert("tile-bomb.tif", TiffCases.tileBomb(), Conversion.to(Format.PNG), "parallel")));
        }
        for (Future<?> f : runs) {
            f.get();
        }
        pool.shutdown();
    }

    static void convert(String name, byte[] input, Conversion conversion, String mode) {
        String outcome;
        try {
            Object r = Hostile.convertOrTyped(input, conversion);
            outcome = r instanceof ConversionResult ok ? "ok " + ok.outputWidth() + "x" + ok.outputHeight() + " partial=" + ok.partial()
                    : r.getClass().getSimpleName() + ": " + ((ImageException) r).getMessage();
        } catch (RuntimeException e) {
            outcome = "UNTYPED " + e;
        }
        synchronized (System.out) {
            System.out.println(name + " " + mode + " -> " + outcome);
        }
    }

    /** A W×H PNG of zero pixels ({@code kind}: png16 = RGBA 16-bit, png8 = RGB, png8a = RGBA), deflated row by row. */
    static byte[] png(String kind, int width, int height) {
        int bits = kind.equals("png16") ? 16 : 8;
        int channels = kind.equals("png8") ? 3 : 4;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] row = new byte[1 + width * channels * bits / 8];
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(1), 1 << 16)) {
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        byte[] ihdr = new byte[13];
        Hostile.putInt(ihdr, 0, width);
        Hostile.putInt(ihdr, 4, height);
        ihdr[8] = (byte) bits;
        ihdr[9] = (byte) (channels == 4 ? 6 : 2);
        chunk(png, "IHDR", ihdr);
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] len = new byte[4];
        Hostile.putInt(len, 0, data.length);
        out.writeBytes(len);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        byte[] c = new byte[4];
        Hostile.putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }
}
