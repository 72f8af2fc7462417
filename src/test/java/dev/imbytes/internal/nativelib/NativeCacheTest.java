package dev.imbytes.internal.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native-library cache: layout, reuse, concurrent extraction, clean-up, and the fall-backs to
 * {@code nu.pattern.OpenCV.loadLocally()} (in forked JVMs, since a JVM loads OpenCV only once).
 *
 * <p>A {@code noexec} mount cannot be simulated without mounting; its symptom (a complete copy
 * that {@code System.load} refuses) is simulated by a same-size copy that is not a library.
 */
class NativeCacheTest {
    private static final String LINUX = "/nu/pattern/opencv/linux/x86_64/libopencv_java490.so";

    private static URL resource() {
        String path = NativeCache.resourcePath(System.getProperty("os.name"), System.getProperty("os.arch"));
        assertNotNull(path, "a bundled library for this platform");
        URL url = nu.pattern.OpenCV.class.getResource(path);
        assertNotNull(url, path);
        return url;
    }

    @Test
    void mapsPlatformsToTheJarsLayout() {
        assertEquals(LINUX, NativeCache.resourcePath("Linux", "amd64"));
        assertEquals("/nu/pattern/opencv/linux/ARMv8/libopencv_java490.so", NativeCache.resourcePath("Linux", "aarch64"));
        assertEquals("/nu/pattern/opencv/osx/ARMv8/libopencv_java490.dylib", NativeCache.resourcePath("Mac OS X", "aarch64"));
        assertEquals("/nu/pattern/opencv/osx/x86_64/libopencv_java490.dylib", NativeCache.resourcePath("Mac OS X", "x86_64"));
        assertEquals("/nu/pattern/opencv/windows/x86_64/opencv_java490.dll", NativeCache.resourcePath("Windows 11", "amd64"));
        assertEquals("/nu/pattern/opencv/windows/x86_32/opencv_java490.dll", NativeCache.resourcePath("Windows 10", "x86"));
        assertNull(NativeCache.resourcePath("SunOS", "sparcv9"));
        assertNull(NativeCache.resourcePath("Linux", "riscv64"));
    }

    /** The file name follows the Java classes' {@code Core.NATIVE_LIBRARY_NAME}, so an OpenCV upgrade needs no code change. */
    @Test
    void theLibraryNameComesFromTheJavaClasses() {
        assertEquals("/nu/pattern/opencv/linux/x86_64/libopencv_java4100.so", NativeCache.resourcePath("Linux", "amd64", "opencv_java4100"));
        assertEquals("/nu/pattern/opencv/osx/ARMv8/libopencv_java4100.dylib", NativeCache.resourcePath("Mac OS X", "aarch64", "opencv_java4100"));
        assertEquals("/nu/pattern/opencv/windows/x86_64/opencv_java4100.dll", NativeCache.resourcePath("Windows 11", "amd64", "opencv_java4100"));
        String here = NativeCache.resourcePath(System.getProperty("os.name"), System.getProperty("os.arch"));
        assertTrue(here.endsWith("/" + System.mapLibraryName(org.opencv.core.Core.NATIVE_LIBRARY_NAME)), here);
    }

    @Test
    void extractsOnceIntoAContentKeyedFolderAndReusesIt(@TempDir Path root) throws Exception {
        URL url = resource();
        NativeCache.Identity id = NativeCache.identify(url);
        assertTrue(id.size() > 10_000_000, "the real library: " + id);
        Path first = NativeCache.ensureExtracted(url, root);
        assertEquals(root.resolve("opencv-" + id.key()).resolve("libopencv_java490.so"), first);
        assertEquals(16, id.key().length());
        assertEquals(id.size(), Files.size(first));
        FileTime written = Files.getLastModifiedTime(first);
        Thread.sleep(20);
        assertEquals(first, NativeCache.ensureExtracted(url, root));
        assertEquals(written, Files.getLastModifiedTime(first), "reused, not rewritten");
        try (Stream<Path> s = Files.list(first.getParent())) {
            assertEquals(1, s.count(), "no temporary file left");
        }
        assertTrue(NativeCache.verifyOrDelete(url, first));
    }

    @Test
    void aTruncatedCopyIsReplacedAndADamagedOneRemovedAfterAFailedLoad(@TempDir Path root) throws Exception {
        URL url = resource();
        Path file = NativeCache.ensureExtracted(url, root);
        long size = Files.size(file);
        Files.write(file, new byte[100]); // wrong size: not trusted, extracted again
        assertEquals(file, NativeCache.ensureExtracted(url, root));
        assertEquals(size, Files.size(file));
        try (var ch = Files.newByteChannel(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(size / 2).write(java.nio.ByteBuffer.wrap("damage".getBytes(StandardCharsets.US_ASCII)));
        }
        assertFalse(NativeCache.verifyOrDelete(url, file), "same size, wrong bytes");
        assertFalse(Files.exists(file), "removed for the next start to extract again");
    }

    @Test
    void concurrentExtractionsAgree(@TempDir Path root) throws Exception {
        URL url = resource();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> fs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                fs.add(pool.submit(() -> NativeCache.ensureExtracted(url, root)));
            }
            Path p = fs.get(0).get();
            for (Future<Path> f : fs) {
                assertEquals(p, f.get());
            }
            assertEquals(NativeCache.identify(url).size(), Files.size(p));
            assertTrue(NativeCache.verifyOrDelete(url, p));
            try (Stream<Path> s = Files.list(p.getParent())) {
                assertEquals(1, s.count(), "only the library, no temporary files");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removesOnlyStaleOtherVersions(@TempDir Path root) throws IOException {
        Path keep = Files.createDirectories(root.resolve("opencv-aaaa"));
        Path old = Files.createDirectories(root.resolve("opencv-bbbb"));
        Files.write(old.resolve("libopencv_java480.so"), new byte[10]);
        Path recent = Files.createDirectories(root.resolve("opencv-cccc"));
        Path other = Files.createDirectories(root.resolve("not-ours"));
        Path oldTmp = Files.write(keep.resolve(".libopencv_java490.so.123.tmp"), new byte[1]);
        Instant now = Instant.now();
        FileTime longAgo = FileTime.from(now.minus(Duration.ofDays(NativeCache.STALE_DAYS + 1)));
        Files.setLastModifiedTime(old, longAgo);
        Files.setLastModifiedTime(other, longAgo);
        Files.setLastModifiedTime(keep, longAgo);
        Files.setLastModifiedTime(oldTmp, longAgo);
        NativeCache.removeStale(root, keep, now);
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(recent));
        assertTrue(Files.exists(other), "only opencv-* folders are ours");
        assertTrue(Files.exists(keep), "the one in use stays, however old");
        assertFalse(Files.exists(oldTmp), "a crashed extraction's temporary file goes");
    }

    @Test
    void aFileWhereTheCacheFolderShouldBeIsReported(@TempDir Path tmp) throws IOException {
        Path blocker = Files.write(tmp.resolve("blocker"), new byte[1]);
        assertThrows(IOException.class, () -> NativeCache.ensureExtracted(resource(), blocker.resolve("imbytes")));
    }

    // ---------------------------------------------------------------- forked JVMs: the whole loader

    private static String run(Path cacheDir, String... extra) throws Exception {
        return runMain(cacheDir, List.of(extra), List.of());
    }

    private static String runMain(Path cacheDir, List<String> extra, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-D" + NativeCache.DIR_PROPERTY + "=" + cacheDir);
        cmd.addAll(extra);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StartupMain.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("bytes="), out);
        return out;
    }

    @Test
    void loadsFromTheCacheAndReusesItInTheNextJvm(@TempDir Path dir) throws Exception {
        String first = run(dir);
        assertTrue(first.contains("source=" + dir.resolve("imbytes")), first);
        String second = run(dir);
        assertEquals(first.lines().filter(l -> l.startsWith("source=")).findFirst(),
                second.lines().filter(l -> l.startsWith("source=")).findFirst());
    }

    @Test
    void fallsBackWhenTheCacheCannotBeWritten(@TempDir Path dir) throws Exception {
        Path blocker = Files.write(dir.resolve("file-not-folder"), new byte[1]);
        String out = run(blocker);
        assertTrue(out.contains("source=nu.pattern.OpenCV.loadLocally (cache not usable"), out);
    }

    @Test
    void fallsBackWhenTheFolderHasNoWritePermission(@TempDir Path dir) throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        boolean posix = ro.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        } else {
            ro.toFile().setWritable(false);
        }
        try {
            String out = run(ro);
            boolean rootUser = Files.isWritable(ro); // root ignores permission bits
            if (rootUser) {
                assertTrue(out.contains("source=" + ro), "root can still write: the cache serves\n" + out);
            } else {
                assertTrue(out.contains("source=nu.pattern.OpenCV.loadLocally (cache not usable"), out);
            }
        } finally {
            if (posix) {
                Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
            } else {
                ro.toFile().setWritable(true);
            }
        }
    }

    /** Stands in for a noexec mount: a complete-looking copy that System.load refuses. */
    @Test
    void fallsBackWhenTheCachedCopyCannotBeLoaded(@TempDir Path dir) throws Exception {
        URL url = resource();
        Path file = NativeCache.ensureExtracted(url, dir.resolve("imbytes"));
        long size = Files.size(file);
        try (var ch = Files.newByteChannel(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[4096])); // no ELF header any more
        }
        assertEquals(size, Files.size(file));
        String out = run(dir);
        assertTrue(out.contains("source=nu.pattern.OpenCV.loadLocally (cannot load"), out);
        assertTrue(out.contains("damaged copy removed"), out);
        assertFalse(Files.exists(file));
        assertTrue(run(dir).contains("source=" + file), "the next JVM extracts a good copy again");
    }

    /** Encoding a BufferedImage, or making a Mat of one, as the first call of a JVM loads OpenCV first. */
    @Test
    void aBufferedImageAsTheFirstCallLoadsOpenCv(@TempDir Path dir) throws Exception {
        String out = runMain(dir, List.of("-Djava.awt.headless=true"), List.of("bufferedimage"));
        assertTrue(out.contains("mat=64x48"), out);
    }

    @Test
    void theCacheCanBeSwitchedOff(@TempDir Path dir) throws Exception {
        String out = run(dir, "-D" + NativeLibrary.CACHE_PROPERTY + "=false");
        assertTrue(out.contains("source=nu.pattern.OpenCV.loadLocally (cache off"), out);
        assertFalse(Files.exists(dir.resolve("imbytes")));
    }

    @Test
    void resolvesTheCacheRoot() {
        String before = System.getProperty(NativeCache.DIR_PROPERTY);
        try {
            System.setProperty(NativeCache.DIR_PROPERTY, "/some/where");
            assertEquals(Path.of("/some/where", "imbytes"), NativeCache.defaultRoot());
            System.clearProperty(NativeCache.DIR_PROPERTY);
            Path def = NativeCache.defaultRoot();
            assertEquals("imbytes", def.getFileName().toString());
            assertTrue(def.isAbsolute() || File.separatorChar == '\\', def.toString());
        } finally {
            if (before == null) {
                System.clearProperty(NativeCache.DIR_PROPERTY);
            } else {
                System.setProperty(NativeCache.DIR_PROPERTY, before);
            }
        }
    }
}
