package dev.imbytes.internal.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.Imbytes;
import dev.imbytes.NativeLibraryException;
import dev.imbytes.hostile.Hostile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A platform without a bundled native library gets a clear error naming OS, architecture and cause. */
class LoadFailureTest {

    /** Run in a child JVM that claims an architecture the jar has no library for. */
    public static final class Main {
        public static void main(String[] args) {
            try {
                Imbytes.openCvVersion();
                System.out.println("loaded");
            } catch (NativeLibraryException e) {
                System.out.println("NativeLibraryException: " + e.getMessage());
            }
        }
    }

    /**
     * A caller's loop written to skip bad images: its {@code catch (ImageException)} must let a
     * load failure through, so the JVM ends with it rather than "skipping" every input.
     */
    public static final class SkipBadImagesMain {
        public static void main(String[] args) {
            try {
                Imbytes.convert(new byte[] {1, 2, 3}, dev.imbytes.Conversion.to(dev.imbytes.Format.PNG));
                System.out.println("converted");
            } catch (dev.imbytes.ImageException e) {
                System.out.println("skipped as a bad image: " + e);
            }
        }
    }

    @Test
    void aCatchForBadImagesDoesNotSwallowALoadFailure() {
        Hostile.Child child = Hostile.runJava(List.of("-Dos.arch=sparc"), SkipBadImagesMain.class, 60);
        assertEquals("", child.stdout(), child.stderr());
        assertTrue(child.exit() != 0, "exit " + child.exit());
        assertTrue(child.stderr().contains("dev.imbytes.NativeLibraryException: cannot load the OpenCV native library for "),
                child.stderr());
    }

    @Test
    void anUnsupportedPlatformIsNamedWithTheCause() {
        Hostile.Child child = Hostile.runJava(List.of("-Dos.arch=sparc"), Main.class, 60);
        assertEquals(0, child.exit(), child.stderr());
        String out = child.stdout();
        assertTrue(out.startsWith("NativeLibraryException: cannot load the OpenCV native library for ") && out.contains(" / sparc: "), out);
        assertTrue(out.contains("Architecture \"sparc\" is not supported"), out);
    }
}
