package dev.imbytes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ThumbnailJob} on a real Spark standalone cluster: {@code bench/spark-cluster.sh} starts a
 * Master and two Workers as JVMs of their own from the Maven-assembled Spark home, submits the job
 * with SparkSubmit and {@code target/imbytes.jar}, and checks what it can see from outside (rows,
 * failed tasks in the event log, the executors' OpenCV loads and mappings, the Master's JSON); this
 * test asserts the script's summary and then reads the written Parquet row by row against the
 * index. Tagged {@code cluster} (about a minute of two busy cores and six JVMs): run it with
 * {@code mvn -B verify -Pcluster}.
 */
@Tag("cluster")
@Tag("spark")
class SparkClusterIT {
    private static final Pattern KEY_VALUE = Pattern.compile("([a-z_]+)=(\\S+)");

    @Test
    void theJobOnAMasterAndTwoWorkers(@TempDir Path tmp) throws Exception {
        SparkVersionsIT.Script.Result r = SparkVersionsIT.Script.run(tmp, 900, "bench/spark-cluster.sh");
        System.out.print(r.stdout());
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().strip().endsWith("RESULT PASS"), r.stdout());
        Map<String, String> summary = new HashMap<>();
        Matcher m = KEY_VALUE.matcher(r.stdout());
        while (m.find()) {
            summary.put(m.group(1), m.group(2));
        }
        long rows = Long.parseLong(summary.get("rows"));
        assertEquals(ThumbnailOutput.regularFiles(), rows, "one row per file: " + summary);
        assertTrue(Long.parseLong(summary.get("ok")) >= ThumbnailOutput.convertible(), summary.toString());
        assertEquals("0", summary.get("failed_tasks"), summary.toString());
        assertEquals("2", summary.get("workers_alive"), summary.toString());
        assertEquals("2", summary.get("executors_with_tasks"), "both executors worked: " + summary);
        assertEquals("1,1", summary.get("opencv_loads_per_executor"), summary.toString());
        assertEquals("1,1", summary.get("libopencv_mappings_per_executor"), summary.toString());
        assertEquals("FINISHED", summary.get("app_state"), summary.toString());
        ThumbnailOutput.assertMatchesIndex(Path.of(summary.get("output")));
    }
}
