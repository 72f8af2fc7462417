package dev.imbytes.internal.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.Conversion;
import dev.imbytes.Format;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import dev.imbytes.hostile.Hostile;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * The loader and the JPEG codec choice say what they did through {@code System.Logger}, at DEBUG,
 * and print nothing under the JDK's default logging. Each case runs in a new JVM, since both
 * choices are made once per process.
 */
class LoadLoggingTest {

    /**
     * A child that attaches a JUL handler to the {@code dev.imbytes} logger (no LoggerFinder of its
     * own: the JDK's default maps System.Logger to JUL), optionally loads OpenCV itself first (args[0]
     * = "app-loads-first"), converts a JPEG and prints each record as "LOG level message".
     */
    public static final class Main {
        // A strong reference: JUL holds loggers weakly, and a collected logger loses its handler.
        private static final Logger IMBYTES = Logger.getLogger("dev.imbytes");

        public static void main(String[] args) {
            if (args.length > 1 && args[1].equals("listen")) {
                IMBYTES.setLevel(Level.ALL);
                IMBYTES.addHandler(new Handler() {
                    private final SimpleFormatter text = new SimpleFormatter();

                    @Override
                    public void publish(LogRecord r) {
                        System.out.println("LOG " + r.getLevel() + " " + text.formatMessage(r));
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                });
            }
            if (args[0].equals("app-loads-first")) {
                nu.pattern.OpenCV.loadLocally();
            }
            byte[] jpeg = Imbytes.convert(TestImages.bytes("valid/libjpeg-turbo/testorig.jpg"), Conversion.to(Format.JPEG));
            System.out.println("converted " + jpeg.length + " bytes with " + Imbytes.jpegCodec());
        }
    }

    @Test
    void eachFallbackIsLoggedAtDebugAndTheCodecOnce() {
        Hostile.Child child = Hostile.runJava(List.of("-Dimbytes.nativeCache=false", "-Dimbytes.turbojpeg=false"),
                Main.class, 120, "imbytes-loads", "listen");
        assertEquals(0, child.exit(), child.stderr());
        String out = child.stdout();
        assertTrue(out.contains("LOG FINE native cache not used (cache off by -Dimbytes.nativeCache=false): "
                + "falling back to nu.pattern.OpenCV.loadLocally()\n"), out);
        assertTrue(out.contains("LOG FINE OpenCV 4.9.0 loaded from nu.pattern.OpenCV.loadLocally (cache off"), out);
        assertTrue(out.contains("LOG FINE JPEG accelerator not used: turned off by -Dimbytes.turbojpeg=false\n"), out);
        assertEquals(1, out.split("LOG FINE JPEG codec: OpenCV bundled libjpeg-turbo \\(no SIMD\\)\n", -1).length - 1, out);
        assertTrue(!out.contains("LOG INFO") && !out.contains("LOG WARNING"), "DEBUG only: " + out);
        assertEquals("", child.stderr(), "JUL's console handler prints INFO and above only: nothing from imbytes");
    }

    @Test
    void theApplicationsOwnOpenCvAndTheJpegCodecChoiceAreLogged() {
        Hostile.Child child = Hostile.runJava(List.of(), Main.class, 120, "app-loads-first", "listen");
        assertEquals(0, child.exit(), child.stderr());
        String out = child.stdout();
        assertTrue(out.contains("LOG FINE OpenCV is already loaded by the application: imbytes uses that copy\n"), out);
        assertTrue(out.contains("LOG FINE OpenCV 4.9.0 loaded from " + NativeLibrary.LOADED_BY_APPLICATION + "\n"), out);
        if (Runtime.version().feature() < 22) { // the test class path has JNA: the library decides
            assertTrue(out.contains(dev.imbytes.hostile.Java22.libTurboJpeg().isPresent()
                    ? "LOG FINE JPEG codec: libjpeg-turbo (system libturbojpeg.so.0, SIMD) via JNA\n"
                    : "LOG FINE JPEG accelerator not used: FFM needs Java 22 or later; this is Java "
                            + Runtime.version().feature() + "; the system libturbojpeg could not be opened through JNA"),
                    out);
        }
        assertTrue(out.contains("LOG FINE JPEG codec: "), out);
        assertEquals("", child.stderr());
    }

    @Test
    void nothingIsPrintedUnderDefaultLogging() {
        Hostile.Child child = Hostile.runJava(List.of("-Dimbytes.nativeCache=false"), Main.class, 120, "imbytes-loads");
        assertEquals(0, child.exit(), child.stderr());
        assertTrue(child.stdout().startsWith("converted "), child.stdout());
        assertTrue(!child.stdout().contains("LOG "), child.stdout());
        assertEquals("", child.stderr(), "a fallback is taken, yet nothing reaches stderr");
    }
}
