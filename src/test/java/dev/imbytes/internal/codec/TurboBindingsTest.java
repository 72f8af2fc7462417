package dev.imbytes.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.hostile.Hostile;
import dev.imbytes.hostile.Java22;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JNA and FFM bindings run one code path and write the same bytes, and OpenCV's codec writes
 * the same encoded frames: {@link BindingDigestMain} runs in child JVMs the way users run imbytes
 * (Java 17 with JNA on the class path, Java 25 with the multi-release classes, Java 17 without JNA)
 * and its digests are compared line by line.
 */
class TurboBindingsTest {

    private static final String JNA = "libjpeg-turbo (system libturbojpeg.so.0, SIMD) via JNA";
    private static final String FFM = "libjpeg-turbo (system libturbojpeg.so.0, SIMD) via FFM";
    private static final String OPENCV = "OpenCV bundled libjpeg-turbo (no SIMD)";

    private static Hostile.Child java17Jna;

    @BeforeAll
    static void requireLibrary() {
        Java22.assumeOrFailOnCi(Java22.libTurboJpeg().isPresent() ? Optional.empty()
                : Optional.of("libturbojpeg.so.0 not installed (apt-get install libturbojpeg0)"), "TurboBindingsTest");
        java17Jna = run(Hostile.testClassPath(), List.of());
        assertEquals("codec " + JNA, codec(java17Jna), java17Jna.stdout());
    }

    @Test
    void java25OverFfmWritesTheSameBytesAsJava17OverJna() {
        Java22.assumeOrFailOnCi(Java22.missing(), "TurboBindingsTest FFM side");
        Hostile.Child ffm = Hostile.java(Java22.launcher(), childArgs(Java22.jvmArgs(), List.of()), 300);
        assertEquals(0, ffm.exit(), ffm.stderr());
        assertEquals("", ffm.stderr());
        assertEquals("codec " + FFM, codec(ffm), ffm.stdout());
        assertEquals(digests(java17Jna, ""), digests(ffm, ""));
    }

    @Test
    void jnaForcedOnJava25WritesTheSameBytesToo() {
        Java22.assumeOrFailOnCi(Java22.missing(), "TurboBindingsTest JNA on Java 25");
        Hostile.Child jna = Hostile.java(Java22.launcher(),
                childArgs(Java22.jvmArgs(), List.of("-Dimbytes.turbojpeg.binding=jna")), 300);
        assertEquals(0, jna.exit(), jna.stderr());
        assertEquals("", jna.stderr());
        assertEquals("codec " + JNA, codec(jna), jna.stdout());
        assertEquals(digests(java17Jna, ""), digests(jna, ""));
    }

    @Test
    void openCvsEncoderWritesTheSameFrames() {
        Hostile.Child none = run(Hostile.testClassPath(), List.of("-Dimbytes.turbojpeg.binding=none"));
        assertEquals("codec " + OPENCV, codec(none), none.stdout());
        assertTrue(none.stdout().contains("JPEG accelerator not used: turned off by -Dimbytes.turbojpeg.binding=none"),
                none.stdout());
        assertEquals(digests(java17Jna, "frame "), digests(none, "frame "));
    }

    @Test
    void withoutJnaOnTheClassPathOpenCvServesAndTheLogSaysWhy() {
        String withoutJna = Arrays.stream(Hostile.testClassPath().split(File.pathSeparator))
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("jna-"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(withoutJna.length() < Hostile.testClassPath().length(), "the test class path has a jna jar");
        Hostile.Child child = run(withoutJna, List.of());
        assertEquals("codec " + OPENCV, codec(child), child.stdout());
        assertTrue(child.stdout().contains("LOG FINE JPEG accelerator not used: FFM needs Java 22 or later; this is Java "
                + Runtime.version().feature() + "; JNA (net.java.dev.jna:jna) is not on the class path\n"), child.stdout());
        assertEquals(digests(java17Jna, "frame "), digests(child, "frame "));
    }

    private static Hostile.Child run(String classPath, List<String> jvmArgs) {
        List<String> args = new ArrayList<>(jvmArgs);
        args.addAll(List.of("-cp", classPath));
        Hostile.Child child = Hostile.java(childArgs(args, List.of()), 300);
        assertEquals(0, child.exit(), child.stdout() + child.stderr());
        assertEquals("", child.stderr(), "nothing on stderr, whichever codec");
        return child;
    }

    private static List<String> childArgs(List<String> jvmArgs, List<String> more) {
        List<String> args = new ArrayList<>(List.of("-Xmx512m"));
        args.addAll(more);
        args.addAll(jvmArgs);
        args.add(BindingDigestMain.class.getName());
        return args;
    }

    private static String codec(Hostile.Child c) {
        return c.stdout().lines().filter(l -> l.startsWith("codec ")).findFirst().orElse("(no codec line)");
    }

    /** The digest lines starting with {@code prefix} ("" for all of them); at least 16. */
    private static List<String> digests(Hostile.Child c, String prefix) {
        List<String> lines = c.stdout().lines()
                .filter(l -> (l.startsWith("frame ") || l.startsWith("convert ")) && l.startsWith(prefix))
                .collect(Collectors.toList());
        assertTrue(lines.size() >= 16, c.stdout());
        assertTrue(lines.stream().noneMatch(l -> l.contains("DIFFERS")), c.stdout());
        return lines;
    }
}
