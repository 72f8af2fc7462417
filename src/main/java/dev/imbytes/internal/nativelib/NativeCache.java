package dev.imbytes.internal.nativelib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * A content-addressed, per-user cache of the OpenCV native library that the
 * {@code org.openpnp:opencv} jar bundles, so a JVM start loads it from disk instead of extracting
 * ~65 MB into a new temporary folder every time.
 *
 * <p><b>Layout.</b> {@code <cache>/imbytes/opencv-<key>/<file>}, where the file keeps the resource's
 * own name (e.g. {@code libopencv_java490.so}, from {@code Core.NATIVE_LIBRARY_NAME}).
 * {@code <cache>} is the system property {@value #DIR_PROPERTY}, else the environment variable
 * {@value #DIR_ENV}, else the platform's user cache folder ({@code $XDG_CACHE_HOME} or
 * {@code ~/.cache}; {@code ~/Library/Caches} on macOS; {@code %LOCALAPPDATA%} on Windows).
 *
 * <p><b>The key</b> is the first 16 hex digits of a SHA-256 over the resource's name, its
 * uncompressed size and its CRC-32, all three read from the jar's central directory: no byte of
 * the 65 MB is inflated to find the cached copy (hashing the whole resource at every start costs
 * about as much as extracting it, which is what the cache avoids). A different OpenCV build has a
 * different CRC and size, so it gets its own folder.
 *
 * <p><b>Trust.</b> The file appears under its final name only by an atomic rename of a complete
 * temporary file in the same folder, written after its CRC-32 was checked against the jar's, so
 * concurrent JVMs never see a partial copy; an existing copy is trusted when its size matches.
 * When loading it nevertheless fails, {@link #verifyOrDelete} re-checks its CRC once and removes
 * a damaged copy so the next start extracts it again.
 *
 * <p><b>Clean-up.</b> Other {@code opencv-*} folders (older builds) not used for
 * {@value #STALE_DAYS} days are removed; the folder in use has its time stamp refreshed at most
 * once a day. Temporary files left by a crashed extraction are removed after a day.
 */
final class NativeCache {
    static final String DIR_PROPERTY = "imbytes.cacheDir";
    static final String DIR_ENV = "IMBYTES_CACHE_DIR";
    static final int STALE_DAYS = 30;
    private static final String PREFIX = "opencv-";

    private NativeCache() {
    }

    /** Where the bundled library lives in the opencv jar for this platform, or {@code null} if it has none. */
    static String resourcePath(String osName, String osArch) {
        // The Java classes name their own native library: an OpenCV upgrade needs no change here.
        return resourcePath(osName, osArch, org.opencv.core.Core.NATIVE_LIBRARY_NAME);
    }

    /** As {@link #resourcePath(String, String)}, for a library called {@code libraryName} ({@code opencv_java490}). */
    static String resourcePath(String osName, String osArch, String libraryName) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        String folder;
        String file;
        if (os.contains("linux")) {
            folder = "linux";
            file = "lib" + libraryName + ".so";
        } else if (os.contains("mac") || os.contains("darwin")) {
            folder = "osx";
            file = "lib" + libraryName + ".dylib";
        } else if (os.contains("windows")) {
            folder = "windows";
            file = libraryName + ".dll";
        } else {
            return null;
        }
        String a = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "x86", "i386", "i486", "i586", "i686" -> "x86_32";
            case "aarch64", "arm64" -> "ARMv8";
            case "arm", "armv7", "armv7l", "arm32" -> "ARMv7";
            default -> null;
        };
        return a == null ? null : "/nu/pattern/opencv/" + folder + "/" + a + "/" + file;
    }

    /** The cache root ({@code <cache>/imbytes}) from the property, the environment or the platform default. */
    static Path defaultRoot() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(DIR_ENV);
        }
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).resolve("imbytes");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        Path base;
        if (os.contains("windows")) {
            String local = System.getenv("LOCALAPPDATA");
            base = local != null && !local.isBlank() ? Path.of(local) : Path.of(home, "AppData", "Local");
        } else if (os.contains("mac") || os.contains("darwin")) {
            base = Path.of(home, "Library", "Caches");
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".cache");
        }
        return base.resolve("imbytes");
    }

    /** Size and CRC-32 of a resource, from the jar's directory when it is in a jar. */
    record Identity(String name, long size, long crc) {
        String key() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] d = sha.digest((name + "\n" + size + "\n" + Long.toHexString(crc)).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(d, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The resource's identity, without inflating it when it sits in a jar. */
    static Identity identify(URL resource) throws IOException {
        String name = fileName(resource.getPath());
        URLConnection c = resource.openConnection();
        c.setUseCaches(false);
        if (c instanceof JarURLConnection jar) {
            JarEntry e = jar.getJarEntry();
            if (e.getSize() >= 0 && e.getCrc() >= 0) {
                return new Identity(name, e.getSize(), e.getCrc());
            }
        }
        // Not in a jar (an unpacked class folder) or no directory data: read it once.
        try (InputStream in = resource.openStream()) {
            return measure(name, in, OutputStream.nullOutputStream());
        }
    }

    /**
     * Size and CRC-32 of everything {@code in} holds, copied to {@code out} on the way: the one
     * loop that identifies a resource, checks an extracted copy and re-checks a cached one.
     */
    static Identity measure(String name, InputStream in, OutputStream out) throws IOException {
        CRC32 crc = new CRC32();
        long size = 0;
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            out.write(buf, 0, n);
            crc.update(buf, 0, n);
            size += n;
        }
        return new Identity(name, size, crc.getValue());
    }

    /**
     * The cached copy of {@code resource} under {@code root}, extracted first when missing.
     *
     * @throws IOException when the folder cannot be made or written, or the copy does not match the jar
     */
    static Path ensureExtracted(URL resource, Path root) throws IOException {
        Identity id = identify(resource);
        Path dir = root.resolve(PREFIX + id.key());
        Path target = dir.resolve(id.name());
        if (Files.isRegularFile(target) && Files.size(target) == id.size()) {
            touch(dir);
            return target;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + id.name() + ".", ".tmp");
        try {
            Identity copied;
            try (InputStream in = resource.openStream(); OutputStream out = Files.newOutputStream(tmp)) {
                copied = measure(id.name(), in, out);
            }
            if (copied.size() != id.size() || copied.crc() != id.crc()) {
                throw new IOException("extracted " + copied.size() + " bytes with CRC " + Long.toHexString(copied.crc())
                        + ", the jar says " + id.size() + " bytes, CRC " + Long.toHexString(id.crc()));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Windows may refuse to replace a copy another JVM just made (and holds open): use that one.
                if (!(Files.isRegularFile(target) && Files.size(target) == id.size())) {
                    throw e;
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        removeStale(root, dir, Instant.now());
        return target;
    }

    /**
     * After a failed load: whether the cached copy still matches the jar. A copy that does not is
     * deleted, so the next start extracts a fresh one. Costs one read of the file.
     */
    static boolean verifyOrDelete(URL resource, Path cached) {
        try {
            Identity id = identify(resource);
            Identity onDisk;
            try (InputStream in = Files.newInputStream(cached)) {
                onDisk = measure(id.name(), in, OutputStream.nullOutputStream());
            }
            if (onDisk.crc() == id.crc()) {
                return true;
            }
            Files.deleteIfExists(cached);
        } catch (IOException | RuntimeException e) {
            // nothing more to do: the caller falls back anyway
        }
        return false;
    }

    /** Refreshes the folder's time stamp (at most once a day), which keeps it from being cleaned up. */
    private static void touch(Path dir) {
        try {
            Instant now = Instant.now();
            if (Files.getLastModifiedTime(dir).toInstant().isBefore(now.minus(Duration.ofDays(1)))) {
                Files.setLastModifiedTime(dir, FileTime.from(now));
            }
        } catch (IOException | RuntimeException e) {
            // a read-only cache still serves
        }
    }

    /**
     * Removes other {@code opencv-*} folders not used for {@link #STALE_DAYS} days, and day-old
     * temporary files in {@code keep}. Best effort: a file still mapped by a running JVM stays
     * usable on POSIX systems (its inode lives on), and Windows refuses to delete it, which is ignored.
     */
    static void removeStale(Path root, Path keep, Instant now) {
        Instant staleBefore = now.minus(Duration.ofDays(STALE_DAYS));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path d : dirs) {
                if (d.equals(keep) || !Files.isDirectory(d)) {
                    continue;
                }
                if (Files.getLastModifiedTime(d).toInstant().isBefore(staleBefore)) {
                    deleteFolder(d);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
        try (DirectoryStream<Path> tmps = Files.newDirectoryStream(keep, ".*.tmp")) {
            for (Path t : tmps) {
                if (Files.getLastModifiedTime(t).toInstant().isBefore(now.minus(Duration.ofDays(1)))) {
                    Files.deleteIfExists(t);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    private static void deleteFolder(Path d) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(d);
    }

    private static String fileName(String path) {
        int i = path.lastIndexOf('/');
        return i >= 0 ? path.substring(i + 1) : path;
    }
}
