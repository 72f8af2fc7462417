package dev.imbytes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/imbytes.jar} as a Spark application jar on the Spark versions it promises, run the
 * way {@code spark-submit} runs it: {@code bench/spark-class.sh VERSION
 * org.apache.spark.deploy.SparkSubmit --master local[2] --class ThumbnailJob target/imbytes.jar}
 * in a child JVM whose class path is that version's Spark home (assembled from Maven by
 * {@code bench/spark-home.sh}) and the jar, nothing of the test class path. Every file of
 * {@code native-test-images} gives one row with the outcome the index states
 * ({@link ThumbnailOutput}).
 *
 * <p>Spark 4.2.0 runs in the default {@code mvn verify}: its jars are the {@code provided}
 * dependency the build has already downloaded. Spark 3.5 and 4.0 would each download about 300 MB
 * more on a fresh machine, so they are tagged {@code cluster} and run with
 * {@code mvn -B verify -Pcluster}.
 */
@Tag("spark")
class SparkVersionsIT {
    /** The newest Spark 3.5 release (Scala 2.13). */
    static final String SPARK_35 = "3.5.9";
    /** The newest Spark 4.0 release, the first 4.x line. */
    static final String SPARK_40 = "4.0.4";
    /** The Spark the project builds against. */
    static final String SPARK_4 = "4.2.0";

    private static final Pattern SUMMARY = Pattern.compile("(?m)^ok=(\\d+) failed=(\\d+) seconds=[0-9.]+ output=.*$");

    @Test
    void spark4(@TempDir Path tmp) throws Exception {
        submitLocally(SPARK_4, tmp);
    }

    @Test
    @Tag("cluster")
    void spark35(@TempDir Path tmp) throws Exception {
        submitLocally(SPARK_35, tmp);
    }

    @Test
    @Tag("cluster")
    void spark40(@TempDir Path tmp) throws Exception {
        submitLocally(SPARK_40, tmp);
    }

    private static void submitLocally(String version, Path tmp) throws IOException, InterruptedException {
        Path output = tmp.resolve("thumbs.parquet");
        Script.Result r = Script.run(tmp, 900, "bench/spark-class.sh", version, "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--driver-memory", "1g", "--conf", "spark.ui.enabled=false",
                "--class", ThumbnailJob.class.getName(), Path.of("target/imbytes.jar").toAbsolutePath().toString(),
                TestImages.ROOT.toAbsolutePath().toString(), output.toString());
        assertEquals(0, r.exit(), "Spark " + version + " stderr:\n" + r.stderr());
        Matcher m = SUMMARY.matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        long ok = Long.parseLong(m.group(1));
        long failed = Long.parseLong(m.group(2));
        System.out.printf("Spark %s local[2]: ok=%d failed=%d in %.1f s%n", version, ok, failed, r.seconds());
        assertEquals(ThumbnailOutput.regularFiles(), ok + failed, "one row per file");
        assertTrue(ok >= ThumbnailOutput.convertible(), ok + " ok, the index expects " + ThumbnailOutput.convertible());
        ThumbnailOutput.assertMatchesIndex(output);
    }

    /** A script of bench/ run from the project root, with its output in files (no pipe to fill). */
    static final class Script {
        record Result(int exit, String stdout, String stderr, double seconds) {
        }

        private Script() {
        }

        static Result run(Path tmp, long timeoutSeconds, String... command) throws IOException, InterruptedException {
            Path out = Files.createTempFile(tmp, "script", ".out");
            Path err = Files.createTempFile(tmp, "script", ".err");
            ProcessBuilder pb = new ProcessBuilder(List.of(command)).redirectOutput(out.toFile()).redirectError(err.toFile());
            // The same JDK as the tests; loopback only.
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            long start = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("no end after " + timeoutSeconds + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), (System.nanoTime() - start) / 1e9);
        }
    }
}
