package dev.imbytes.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Example job: every file under a folder (or any Hadoop path: {@code hdfs://}, {@code s3a://}, ...)
 * to a thumbnail, written as Parquet with the columns {@code path}, {@code data}, {@code format},
 * {@code width}, {@code height} and {@code error}; prints how many converted and how many failed.
 *
 * <pre>
 * ThumbnailJob INPUT OUTPUT [SPEC [GLOB]]
 *   SPEC default: "--fit 256x256 --to jpg --quality 85"
 *   GLOB e.g. "*.{jpg,jpeg,png,webp}" (binaryFile's pathGlobFilter; default: every file)
 * </pre>
 *
 * <p>Run with {@code spark-submit}; without a {@code spark.master} (e.g. {@code java -cp ...}) it
 * runs on {@code local[*]}. The output path must not exist yet.
 */
public final class ThumbnailJob {
    /** The spec used when none is given. */
    public static final String DEFAULT_SPEC = "--fit 256x256 --to jpg --quality 85";

    /** How many inputs converted and how many became error rows. */
    public record Counts(long ok, long failed) {
    }

    private ThumbnailJob() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: ThumbnailJob INPUT OUTPUT [SPEC [GLOB]]");
            System.err.println("  SPEC default: \"" + DEFAULT_SPEC + "\"; GLOB e.g. \"*.{jpg,jpeg,png,webp}\"");
            System.exit(2);
        }
        String spec = args.length > 2 ? args[2] : DEFAULT_SPEC;
        String glob = args.length > 3 ? args[3] : null;
        SparkSession.Builder builder = SparkSession.builder().appName("imbytes-thumbnails");
        if (System.getProperty("spark.master") == null) {
            builder.master("local[*]"); // spark-submit sets spark.master; a plain java run goes local
        }
        SparkSession spark = builder.getOrCreate();
        try {
            long start = System.nanoTime();
            Counts c = run(spark, args[0], args[1], spec, glob);
            System.out.printf("ok=%d failed=%d seconds=%.1f output=%s%n", c.ok(), c.failed(),
                    (System.nanoTime() - start) / 1e9, args[1]);
        } finally {
            spark.stop();
        }
    }

    /**
     * Reads {@code input} recursively with {@code binaryFile}, converts with {@code spec}, writes
     * Parquet to {@code output} and counts the written rows.
     *
     * @param glob binaryFile's {@code pathGlobFilter}, or null for every file
     * @throws IllegalArgumentException for a bad spec, before any job runs
     */
    public static Counts run(SparkSession spark, String input, String output, String spec, String glob) {
        var reader = spark.read().format("binaryFile").option("recursiveFileLookup", "true");
        if (glob != null && !glob.isBlank()) {
            reader = reader.option("pathGlobFilter", glob);
        }
        Dataset<Row> files = reader.load(input).select("path", "content");
        ImbytesSpark.convert(files, spec)
                .select("path", "data", "format", "width", "height", "error")
                .write().parquet(output);
        // Count from the written Parquet (only the error column is read), not by converting again.
        Row r = spark.read().parquet(output).agg(
                functions.count(functions.when(functions.col("error").isNull(), 1)),
                functions.count(functions.col("error"))).first();
        return new Counts(r.getLong(0), r.getLong(1));
    }
}
