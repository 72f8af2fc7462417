package dev.imbytes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.TestImages;
import dev.imbytes.hostile.Hostile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library without the CLI's optional dependencies (issue 12 item 2), each in a child JVM whose
 * classpath is built from the test classpath with the test classes and test-only jars taken out:
 * <ul>
 *   <li>{@link ThumbnailJob} with the library's runtime and {@code provided} dependencies minus
 *       picocli, as a Spark app that adds imbytes as a plain Maven dependency gets it. Jackson stays
 *       here: Spark itself needs it ({@code SparkContext} fails with
 *       {@code NoClassDefFoundError: com/fasterxml/jackson/databind/Module} without it), so a cluster
 *       always provides one;</li>
 *   <li>the core ({@code ConversionSpec} and {@code Imbytes}) with OpenCV alone: no picocli, no
 *       Jackson, no Spark.</li>
 * </ul>
 */
class StandaloneLibraryTest {
    /** Jars that only the CLI (picocli) or the tests (JUnit, Jazzer) bring; a library user has none of them. */
    private static final Pattern NOT_A_LIBRARY_JAR =
            Pattern.compile(".*/(picocli|junit-|opentest4j|apiguardian|jazzer)[^/]*\\.jar");

    @Test
    void theSparkJobRunsWithoutTheCliDependencies(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (String image : List.of("valid/pillow/hopper.jpg", "valid/pillow/hopper.webp", "valid/pillow/i_trns.png",
                "corrupt/pillow/broken.png")) {
            Files.copy(TestImages.fixture(image), in.resolve(Path.of(image).getFileName()));
        }
        String classPath = libraryClassPath();
        assertFalse(classPath.contains("picocli"), classPath);
        assertFalse(classPath.contains("test-classes"), classPath);
        assertTrue(classPath.contains("spark-sql"), "Spark is provided: " + classPath);

        long start = System.nanoTime();
        Hostile.Child child = Hostile.runJava(List.of("-Xmx1g", "-Dspark.ui.enabled=false"), classPath,
                ThumbnailJob.class, 180, in.toString(), dir.resolve("out").toString(),
                "--fit 64x64 --to png --max-pixels 50000000");
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("standalone Spark job: %.1f s, exit %d%n", seconds, child.exit());
        assertEquals(0, child.exit(), child.stderr());
        assertTrue(child.stdout().contains("ok=3 failed=1"), "three thumbnails and one error row: " + child.stdout());
        assertFalse(child.stderr().contains("NoClassDefFoundError"), child.stderr());
    }

    @Test
    void theCoreRunsWithOpenCvAlone(@TempDir Path dir) throws Exception {
        String classPath = Arrays.stream(libraryClassPath().split(File.pathSeparator))
                .filter(e -> !ONLY_OPENCV.matcher(e.replace(File.separatorChar, '/')).matches())
                .collect(Collectors.joining(File.pathSeparator));
        // Judged on the entries' file names: the checkout's own path may hold any word ("spark-cluster").
        List<String> entryNames = Arrays.stream(classPath.split(File.pathSeparator))
                .map(e -> Path.of(e).getFileName().toString()).toList();
        for (String absent : List.of("picocli", "jackson", "spark", "scala")) {
            assertFalse(entryNames.stream().anyMatch(n -> n.contains(absent)), absent + " in " + classPath);
        }
        assertTrue(classPath.contains("opencv"), classPath);
        // A source-file program (java Main.java), so that no test class is on the child's classpath.
        Path program = dir.resolve("CoreOnly.java");
        Files.writeString(program, """
                import dev.imbytes.*;
                import java.nio.file.*;
                public class CoreOnly {
                    public static void main(String[] args) throws Exception {
                        Conversion c = ConversionSpec.parse("--fit 32x32 --to webp --quality 70").toConversion();
                        for (String f : args) {
                            try {
                                ConversionResult r = Imbytes.convertDetailed(Files.readAllBytes(Path.of(f)), c);
                                System.out.println("ok " + r.outputFormat().id() + " " + r.outputWidth() + "x" + r.outputHeight());
                            } catch (ImageException e) {
                                System.out.println("error " + e.getClass().getSimpleName());
                            }
                        }
                    }
                }
                """);
        Hostile.Child child = Hostile.java(List.of("-cp", classPath, program.toString(),
                TestImages.fixture("valid/pillow/hopper.jpg").toString(),
                TestImages.fixture("corrupt/pillow/broken.png").toString()), 60);
        assertEquals(0, child.exit(), child.stderr());
        assertEquals(List.of("ok webp 32x32", "error CorruptImageException"), child.stdout().lines().toList(),
                child.stderr());
    }

    /** Spark and the jars that only Spark brings (Scala, Hadoop, Jackson, ...): every jar except OpenCV's. */
    private static final Pattern ONLY_OPENCV = Pattern.compile("(?!.*/opencv-[^/]*\\.jar$).*\\.jar");

    /** The test classpath minus the test classes and the jars no library user has. */
    static String libraryClassPath() {
        return Arrays.stream(Hostile.testClassPath().split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes"))
                .filter(e -> !NOT_A_LIBRARY_JAR.matcher(e.replace(File.separatorChar, '/')).matches())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
