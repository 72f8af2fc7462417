package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A conversion writes no file: OpenCV's silent temp-file fallback is never reached. */
class NoDiskTest {

    /**
     * Runs {@code work} while watching the folder OpenCV writes its temporaries to (OPENCV_TEMP_PATH,
     * else /tmp) and returns the names of OpenCV temporaries created meanwhile. Other processes share
     * the folder, so only OpenCV's own "__opencv_temp" names count.
     */
    static List<String> openCvTemporariesDuring(Runnable work) throws Exception {
        String env = System.getenv("OPENCV_TEMP_PATH");
        Path tmp = Path.of(env != null ? env : "/tmp");
        List<String> created = new ArrayList<>();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            WatchKey key = tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            work.run();
            Thread.sleep(200);
            for (WatchEvent<?> e : key.pollEvents()) {
                String name = String.valueOf(e.context());
                if (name.startsWith("__opencv_temp")) {
                    created.add(name);
                }
            }
            key.cancel();
        }
        return created;
    }

    @Test
    void conversionsCreateNoFileInTheTempFolder() throws Exception {
        Imbytes.openCvVersion(); // the native library itself is extracted before we watch
        byte[] photo = TestImages.bytes("valid/pillow/hopper.jpg");
        byte[] alpha = TestImages.bytes("valid/pngsuite/basn6a08.png");
        List<String> created = openCvTemporariesDuring(() -> {
            for (Format f : Format.values()) {
                if (f.canWrite() && f.encodesInMemory()) {
                    byte[] out = Imbytes.convert(photo, Conversion.to(f).withFit(Fit.within(64, 64)));
                    Imbytes.decode(out, DecodeOptions.defaults().allowingAllFormats()).close();
                    Imbytes.convert(alpha, Conversion.to(f));
                }
            }
            for (String p : new String[] {"valid/pillow/hopper.webp", "valid/pillow/hopper.tif", "valid/pillow/pal8.bmp",
                    "valid/pillow/pil_sample_cmyk.jpg", "valid/libjpeg-turbo/monkey16.png"}) {
                Imbytes.convert(TestImages.bytes(p), Conversion.to(Format.JPEG));
            }
        });
        assertEquals(List.of(), created, "OpenCV temporary files created");

        // the watch does see OpenCV's temporary file when a caller opts in to it (so the check can fail)
        List<String> optedIn = openCvTemporariesDuring(() -> {
            try (ImageMat img = Imbytes.decode(photo)) {
                Imbytes.encode(img.mat(), PlainOptions.of(Format.PFM).withTempFileAllowed(true));
            }
        });
        assertEquals(1, optedIn.size(), "the opted-in PFM encode went through one temporary file");
    }

    @Test
    void formatsOpenCvWritesOnlyThroughATempFileAreRefused() {
        try (ImageMat img = Imbytes.decode(TestImages.bytes("valid/pillow/hopper.jpg"))) {
            for (Format f : new Format[] {Format.JPEG2000, Format.PFM, Format.HDR, Format.SUN_RASTER}) {
                UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                        () -> Imbytes.encode(img.mat(), f));
                assertTrue(e.getMessage().contains("temporary file"), e.getMessage());
            }
            // opting in is possible, and then OpenCV's temporary-file path works both ways
            for (Format f : new Format[] {Format.PFM, Format.HDR, Format.SUN_RASTER}) {
                byte[] out = Imbytes.encode(img.mat(), PlainOptions.of(f).withTempFileAllowed(true));
                DecodeOptions allowed = DecodeOptions.defaults().allowing(f);
                UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                        () -> Imbytes.decode(out, allowed));
                assertTrue(e.getMessage().contains("temporary file"), e.getMessage());
                try (ImageMat back = Imbytes.decode(out, allowed.withTempFileAllowed(true))) {
                    assertEquals(img.width(), back.width(), f.toString());
                    assertEquals(img.height(), back.height(), f.toString());
                }
            }
            byte[] jp2 = Imbytes.encode(img.mat(), Jpeg2000Options.defaults().withTempFileAllowed(true));
            try (ImageMat back = Imbytes.decode(jp2, DecodeOptions.defaults().allowing(Format.JPEG2000))) {
                assertEquals(img.width(), back.width());
            }
        }
    }
}
