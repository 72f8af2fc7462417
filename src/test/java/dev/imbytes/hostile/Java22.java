package dev.imbytes.hostile;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Java 22+ child JVM that sees the multi-release classes, for the tests of the SIMD libjpeg-turbo
 * path. Maven runs the suite on Java 17 from class folders, where {@code META-INF/versions/22} is
 * invisible; a child started here puts that folder first, so it runs the code a user on Java 22+ runs.
 */
public final class Java22 {
    private Java22() {
    }

    /** The FFM binding's compiled class, relative to {@code target/classes}. */
    public static final String ACCELERATOR =
            "META-INF/versions/22/dev/imbytes/internal/codec/turbo/FfmBinding.class";

    private static final Path CLASSES = Path.of("target/classes").toAbsolutePath();

    /**
     * Why the Java 22+ path cannot be tested here, or empty when it can: a JDK 22+ at
     * {@code -Dimbytes.java22.home} (the pom's {@code java22.home}), the compiled Java 22 classes,
     * and the system's libturbojpeg.
     */
    public static Optional<String> missing() {
        if (!Files.isExecutable(launcher())) {
            return Optional.of("no Java 22+ JDK at " + home() + " (set -Djava22.home)");
        }
        if (!Files.exists(CLASSES.resolve(ACCELERATOR))) {
            return Optional.of(ACCELERATOR + " not built (the java22 Maven profile did not run)");
        }
        if (libTurboJpeg().isEmpty()) {
            return Optional.of("libturbojpeg.so.0 not installed (apt-get install libturbojpeg0)");
        }
        return Optional.empty();
    }

    /**
     * Skips the calling test when {@code missing} says why it cannot run, except when the reason is
     * a missing libturbojpeg on CI ({@code CI=true}; {@code .ci/run} sets it and installs the
     * library): there that fails the test, so the SIMD path cannot go untested silently. A missing
     * JDK 22+ still skips (the FFM side needs one; CI machines may not have it).
     */
    public static void assumeOrFailOnCi(Optional<String> missing, String test) {
        if (missing.isEmpty()) {
            return;
        }
        if (libTurboJpeg().isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(test + " cannot run on CI: " + missing.get());
        }
        System.out.println(test + " skipped: " + missing.get());
        org.junit.jupiter.api.Assumptions.assumeTrue(false, missing.get());
    }

    /** The Java 22+ launcher. */
    public static Path launcher() {
        return home().resolve("bin/java");
    }

    /** The test class path with the Java 22 classes first, so the child loads them. */
    public static String classPath() {
        return CLASSES.resolve("META-INF/versions/22") + File.pathSeparator + Hostile.testClassPath();
    }

    /** The arguments every such child needs before its main class: native access and the class path. */
    public static List<String> jvmArgs() {
        return List.of("--enable-native-access=ALL-UNNAMED", "-cp", classPath());
    }

    /** The first libturbojpeg.so.0 in LD_LIBRARY_PATH or the usual library folders. */
    public static Optional<Path> libTurboJpeg() {
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
                return Optional.of(candidate);
            }
        }
        Path multiarch = Path.of("/usr/lib");
        if (!Files.isDirectory(multiarch)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(multiarch)) {
            return s.map(d -> d.resolve("libturbojpeg.so.0")).filter(Files::exists).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("imbytes.java22.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    }
}
