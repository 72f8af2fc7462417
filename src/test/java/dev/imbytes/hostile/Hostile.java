package dev.imbytes.hostile;

import dev.imbytes.ConversionResult;
import dev.imbytes.DecodeOptions;
import dev.imbytes.ImageException;
import dev.imbytes.ImageMat;
import dev.imbytes.Imbytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/** Helpers for the hostile-input tests: patching headers, child JVMs, the process's memory. */
public final class Hostile {
    private Hostile() {
    }

    /** The outcome of a child JVM. */
    public record Child(int exit, String stdout, String stderr) {
        public List<String> stderrLines() {
            return stderr.isEmpty() ? List.of() : List.of(stderr.split("\n"));
        }
    }

    /** Runs {@code mainClass} in a new JVM with the test classpath; waits at most {@code timeoutSeconds}. */
    public static Child runJava(List<String> jvmArgs, Class<?> mainClass, long timeoutSeconds, String... args) {
        return runJava(jvmArgs, testClassPath(), mainClass, timeoutSeconds, args);
    }

    /** The test JVM's classpath (surefire's, not its booter jar's). */
    public static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Runs {@code mainClass} in a new JVM with {@code classPath}; waits at most {@code timeoutSeconds}. */
    public static Child runJava(List<String> jvmArgs, String classPath, Class<?> mainClass, long timeoutSeconds,
                                String... args) {
        List<String> javaArgs = new ArrayList<>(jvmArgs);
        javaArgs.add("-cp");
        javaArgs.add(classPath);
        javaArgs.add(mainClass.getName());
        javaArgs.addAll(Arrays.asList(args));
        return java(javaArgs, timeoutSeconds);
    }

    /** Runs this JVM's {@code java} launcher with {@code javaArgs}; waits at most {@code timeoutSeconds}. */
    public static Child java(List<String> javaArgs, long timeoutSeconds) {
        return java(Path.of(System.getProperty("java.home"), "bin", "java"), javaArgs, timeoutSeconds);
    }

    /** Runs the {@code launcher} (another JDK's {@code java}) with {@code javaArgs}; waits at most {@code timeoutSeconds}. */
    public static Child java(Path launcher, List<String> javaArgs, long timeoutSeconds) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(javaArgs);
        try {
            Path out = Files.createTempFile("imbytes-child", ".out");
            Path err = Files.createTempFile("imbytes-child", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(javaArgs + " did not finish in " + timeoutSeconds + " s");
                }
                return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A field of /proc/self/status in kB (VmRSS, VmHWM ...), or -1 where there is none (not Linux). */
    public static long procStatusKb(String field) {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** A PNG with IHDR's width and height replaced (and its CRC recomputed, so the lie is well-formed). */
    public static byte[] pngWithSize(byte[] png, int width, int height) {
        byte[] b = png.clone();
        putInt(b, 16, width);
        putInt(b, 20, height);
        CRC32 crc = new CRC32();
        crc.update(b, 12, 4 + 13);
        putInt(b, 29, (int) crc.getValue());
        return b;
    }

    /** A JPEG with its (first) SOF marker's width and height replaced. */
    public static byte[] jpegWithSize(byte[] jpeg, int width, int height) {
        byte[] b = jpeg.clone();
        int sof = sofOffset(b);
        putShort(b, sof + 5, height);
        putShort(b, sof + 7, width);
        return b;
    }

    /** Offset of the first SOFn marker (FF Cn, not C4/C8/CC) of a JPEG. */
    static int sofOffset(byte[] b) {
        int off = 2;
        while (off + 4 <= b.length) {
            int marker = b[off + 1] & 0xFF;
            if ((b[off] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("no marker at " + off);
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return off;
            }
            off += 2 + (((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF));
        }
        throw new IllegalArgumentException("no SOF marker");
    }

    /** A BMP with its info header's width and height replaced (BITMAPINFOHEADER and later). */
    public static byte[] bmpWithSize(byte[] bmp, int width, int height) {
        byte[] b = bmp.clone();
        putIntLe(b, 18, width);
        putIntLe(b, 22, height);
        return b;
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void putIntLe(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    /** The image a decode gives, or the typed exception; any other exception propagates. */
    public static Object decodeOrTyped(byte[] data, DecodeOptions options) {
        try (ImageMat img = Imbytes.decode(data, options)) {
            return new int[] {img.width(), img.height()};
        } catch (ImageException e) {
            return e;
        }
    }

    /** A conversion's result, or the typed exception; any other exception propagates. */
    public static Object convertOrTyped(byte[] data, dev.imbytes.Conversion conversion) {
        try {
            return Imbytes.convertDetailed(data, conversion);
        } catch (ImageException e) {
            return e;
        }
    }
}
