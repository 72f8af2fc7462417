package dev.imbytes.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imbytes.TestImages;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link TurboJpegCheck} in a forked Java 22+ JVM, because Maven runs these tests on Java 17
 * from class folders, where the libturbojpeg binding in {@code META-INF/versions/22} is invisible.
 * Skipped (with the reason) when that JDK, the compiled Java 22 classes or the system's
 * libturbojpeg are missing; fails when all are there and the accelerator does not load or does
 * not match OpenCV.
 */
class TurboJpegAcceleratorTest {
    private static final String ACCELERATOR = "META-INF/versions/22/dev/imbytes/internal/codec/turbo/TurboJpegAccelerator.class";

    @Test
    void acceleratorMatchesOpenCvInAJava22Jvm() throws IOException, InterruptedException {
        Path jdk = Path.of(System.getProperty("imbytes.java22.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        Path java = jdk.resolve("bin/java");
        skipUnless(Files.isExecutable(java), "skipped: no Java 22+ JDK at " + jdk + " (set -Djava22.home)");

        Path classes = Path.of("target/classes").toAbsolutePath();
        Path versions22 = classes.resolve("META-INF/versions/22");
        skipUnless(Files.exists(classes.resolve(ACCELERATOR)),
                "skipped: " + ACCELERATOR + " not built (the java22 Maven profile did not run)");

        Path lib = findLibTurboJpeg();
        skipUnless(lib != null, "skipped: libturbojpeg.so.0 not installed (apt-get install libturbojpeg0)");

        // The forked JVM sees the Java 22 classes only if their folder comes first on the class path.
        String classPath = versions22 + File.pathSeparator + System.getProperty("java.class.path");
        List<String> command = List.of(java.toString(), "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, TurboJpegCheck.class.getName(), TestImages.ROOT.toAbsolutePath().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        boolean finished;
        try (var in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            finished = p.waitFor(5, TimeUnit.MINUTES);
        }
        if (!finished) {
            p.destroyForcibly();
        }
        System.out.println("---- TurboJpegCheck on " + java + " (libturbojpeg: " + lib + ") ----");
        System.out.println(output);
        assertEquals(0, finished ? p.exitValue() : -1,
                "TurboJpegCheck failed (exit 3 = accelerator did not load although " + lib + " exists):\n" + output);
    }

    /** Skips the test with {@code reason}, printed too so that the build log says which part is missing. */
    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("TurboJpegAcceleratorTest " + reason);
        }
        assumeTrue(condition, reason);
    }

    /** The first libturbojpeg.so.0 in the usual library folders and LD_LIBRARY_PATH, or null. */
    private static Path findLibTurboJpeg() throws IOException {
        List<String> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            dirs.addAll(List.of(ld.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu",
                "/usr/lib64", "/usr/lib", "/usr/local/lib", "/usr/local/lib64"));
        for (String d : dirs) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, "libturbojpeg.so.0");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        Path multiarch = Path.of("/usr/lib");
        if (Files.isDirectory(multiarch)) {
            try (Stream<Path> s = Files.list(multiarch)) {
                return s.map(d -> d.resolve("libturbojpeg.so.0")).filter(Files::exists).findFirst().orElse(null);
            }
        }
        return null;
    }
}
