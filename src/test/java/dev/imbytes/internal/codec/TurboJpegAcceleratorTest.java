package dev.imbytes.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imbytes.hostile.Hostile;
import dev.imbytes.hostile.Java22;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link TurboJpegCheck} in forked JVMs the way users run imbytes: Java 25 with the
 * multi-release classes (FFM binding; Maven runs these tests on Java 17 from class folders, where
 * {@code META-INF/versions/22} is invisible) and Java 17 with JNA on the class path (JNA binding).
 * Skipped (with the reason) when that JDK, the compiled Java 22 classes or the system's
 * libturbojpeg are missing, except on CI, where a missing libturbojpeg fails; fails when all are
 * there and the accelerator does not load or does not match OpenCV.
 */
class TurboJpegAcceleratorTest {
    @Test
    void acceleratorMatchesOpenCvInAJava22JvmOverFfm() throws IOException, InterruptedException {
        Java22.assumeOrFailOnCi(Java22.missing(), "TurboJpegAcceleratorTest");
        List<String> command = new ArrayList<>(List.of(Java22.launcher().toString(), "-Xmx1g"));
        command.addAll(Java22.jvmArgs());
        check(command, "via FFM");
    }

    @Test
    void acceleratorMatchesOpenCvInAJava17JvmOverJna() throws IOException, InterruptedException {
        Java22.assumeOrFailOnCi(Java22.libTurboJpeg().isPresent() ? Optional.empty()
                : Optional.of("libturbojpeg.so.0 not installed (apt-get install libturbojpeg0)"), "TurboJpegAcceleratorTest");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", Hostile.testClassPath()));
        check(command, "via JNA");
    }

    private static void check(List<String> command, String binding) throws IOException, InterruptedException {
        command.addAll(List.of(TurboJpegCheck.class.getName(), Path.of("native-test-images").toAbsolutePath().toString()));
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
        Path lib = Java22.libTurboJpeg().orElseThrow();
        System.out.println("---- TurboJpegCheck on " + command.get(0) + " (libturbojpeg: " + lib + ") ----");
        System.out.println(output);
        assertEquals(0, finished ? p.exitValue() : -1,
                "TurboJpegCheck failed (exit 3 = accelerator did not load although " + lib + " exists):\n" + output);
        assertEquals("SIMD) " + binding, output.lines().findFirst().orElse("").replaceAll(".*SIMD\\) ", "SIMD) "), output);
    }
}
