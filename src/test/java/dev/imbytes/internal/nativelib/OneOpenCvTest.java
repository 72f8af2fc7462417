package dev.imbytes.internal.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.hostile.Hostile;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One OpenCV per process, whichever loads first: the application (openpnp's loaders,
 * {@code System.loadLibrary}, {@code System.load}) or imbytes. Each case is a child JVM
 * ({@link OneOpenCvMain}) that counts the {@code libopencv_java} files in its {@code /proc/self/maps}
 * (Linux) and passes a Mat made with the application's classes through imbytes.
 */
class OneOpenCvTest {
    @TempDir
    static Path shared;

    /** A folder holding the library under its {@code System.loadLibrary} name, for {@code -Djava.library.path}. */
    private static Path libraryDir;

    @BeforeAll
    static void libraryFolder() throws IOException {
        String resource = NativeCache.resourcePath(System.getProperty("os.name"), System.getProperty("os.arch"));
        URL url = nu.pattern.OpenCV.class.getResource(resource);
        libraryDir = NativeCache.ensureExtracted(url, shared.resolve("libpath")).getParent();
        Files.createDirectories(shared.resolve("tmp"));
    }

    private static Path libraryFile() {
        return libraryDir.resolve(ExistingOpenCv.fileName());
    }

    /** Runs the steps in a child JVM with its own imbytes cache and temporary folder; returns stdout. */
    private static String child(boolean withLibraryPath, String... steps) {
        List<String> jvm = new ArrayList<>(List.of(
                "-D" + NativeCache.DIR_PROPERTY + "=" + shared.resolve("cache"),
                "-Djava.io.tmpdir=" + shared.resolve("tmp")));
        if (withLibraryPath) {
            jvm.add("-Djava.library.path=" + libraryDir);
        }
        Hostile.Child c = Hostile.runJava(jvm, OneOpenCvMain.class, 120, steps);
        String all = c.stdout() + "\n--- stderr:\n" + c.stderr();
        assertEquals(0, c.exit(), all);
        assertTrue(c.stdout().contains("png=64x48 pixel=[0.0, 128.0, 255.0]"), "the app's Mat crossed into imbytes and back\n" + all);
        return c.stdout();
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("(no " + prefix + " line)");
    }

    private static void assertOneCopy(String out, String path) {
        String mapped = line(out, "mapped=");
        assertTrue(mapped.startsWith("mapped=1 "), out);
        assertTrue(mapped.contains(path), "mapped from " + path + "\n" + out);
    }

    // ------------------------------------------------------------------ the application loads first

    @Test
    void appLoadsLocallyFirst() {
        String out = child(false, "loadLocally", "imbytes");
        assertEquals("source=" + NativeLibrary.LOADED_BY_APPLICATION, line(out, "source="), out);
        assertOneCopy(out, shared.resolve("tmp").resolve("opencv_openpnp").toString());
    }

    @Test
    void appLoadsSharedFirst() {
        // Without the library on java.library.path, loadShared falls back to an extracted copy.
        String out = child(false, "loadShared", "imbytes");
        assertEquals("source=" + NativeLibrary.LOADED_BY_APPLICATION, line(out, "source="), out);
        assertOneCopy(out, shared.resolve("tmp").resolve("opencv_openpnp").toString());
    }

    @Test
    void appLoadsFromTheLibraryPathFirst() {
        String out = child(true, "loadLibrary", "imbytes");
        assertEquals("source=" + NativeLibrary.LOADED_BY_APPLICATION, line(out, "source="), out);
        assertOneCopy(out, libraryFile().toString());
    }

    @Test
    void appLoadsAFileFirst() throws IOException {
        Path own = Files.createDirectories(shared.resolve("app-own"));
        Path file = Files.copy(libraryFile(), own.resolve(libraryFile().getFileName()));
        String out = child(false, "load=" + file, "imbytes");
        assertEquals("source=" + NativeLibrary.LOADED_BY_APPLICATION, line(out, "source="), out);
        assertOneCopy(out, file.toString());
    }

    // ------------------------------------------------------------------ imbytes loads first

    @Test
    void imbytesFirstThenTheAppsLoadLibrary() {
        String out = child(true, "imbytes", "loadLibrary");
        assertEquals("source=java.library.path (" + libraryFile() + ")", line(out, "source="), out);
        assertEquals("imbytes: mapped=1", line(out, "imbytes:"), out);
        assertOneCopy(out, libraryFile().toString());
    }

    @Test
    void imbytesFirstThenTheAppsLoadShared() {
        String out = child(true, "imbytes", "loadShared");
        assertEquals("source=java.library.path (" + libraryFile() + ")", line(out, "source="), out);
        assertOneCopy(out, libraryFile().toString());
    }

    /**
     * The documented limitation behind the README's "load OpenCV before your first imbytes call":
     * openpnp's {@code loadLocally()} always extracts and loads a fresh copy, so after imbytes it
     * maps a second one. If a future openpnp release stops doing so, this fails and the README's
     * advice can go.
     */
    @Test
    void imbytesFirstThenLoadLocallyMapsASecondCopy() {
        String out = child(false, "imbytes", "loadLocally");
        assertTrue(line(out, "source=").startsWith("source=" + shared.resolve("cache")), out);
        assertEquals("imbytes: mapped=1", line(out, "imbytes:"), out);
        assertTrue(line(out, "mapped=").startsWith("mapped=2 "), out);
    }

    // ------------------------------------------------------------------ the java.library.path lookup

    @Test
    void theLibraryPathLookupSkipsRelativeAndMissingEntries(@TempDir Path dir) throws IOException {
        String name = ExistingOpenCv.fileName();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.write(full.resolve(name), new byte[1]);
        Files.createDirectories(Path.of("target", "relative-lib"));
        Files.write(Path.of("target", "relative-lib", name), new byte[1]);
        String path = String.join(File.pathSeparator, "target/relative-lib", "", empty.toString(), full.toString());
        assertEquals(full.resolve(name), ExistingOpenCv.onLibraryPath(path, name));
        assertNull(ExistingOpenCv.onLibraryPath(String.join(File.pathSeparator, "target/relative-lib", empty.toString()), name));
        assertNull(ExistingOpenCv.onLibraryPath("", name));
        assertNull(ExistingOpenCv.onLibraryPath(null, name));
    }
}
