package dev.imbytes.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.TestImages;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The native decoders print to the process's stderr (fd 2) behind Java's back: libpng warnings,
 * OpenCV's own log, libjpeg's "Corrupt JPEG data". imbytes keeps them from being reached for
 * every file in native-test-images (valid, corrupt, bombs, fuzzer regressions) by deciding in
 * Java first. A child JVM decodes them all, strict with default options and every format allowed,
 * and must print nothing at all on stderr.
 */
class NativeStderrTest {

    @Test
    void decodingEveryTestImagePrintsNothingOnStderr() {
        Hostile.Child child = Hostile.runJava(List.of("-Xmx512m"), DecodeAllMain.class, 300,
                TestImages.ROOT.toString());
        assertEquals(0, child.exit(), "child failed:\n" + child.stderr());
        long files = child.stdout().lines().count();
        assertTrue(files >= 100, "decoded only " + files + " files:\n" + child.stdout());
        assertEquals(List.of(), child.stderrLines(), "native stderr output (one entry per line)");
    }
}
