package dev.imbytes.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] SparkSession that every Spark test class shares (starting Spark costs seconds);
 * stopped when the test JVM exits.
 */
final class SharedSpark {
    private SharedSpark() {
    }

    private static final class Holder {
        static final SparkSession SESSION = start();

        private static SparkSession start() {
            SparkSession s = SparkSession.builder()
                    .appName("imbytes-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            ImbytesSpark.register(s);
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "stop-shared-spark"));
            return s;
        }
    }

    static SparkSession session() {
        return Holder.SESSION;
    }
}
