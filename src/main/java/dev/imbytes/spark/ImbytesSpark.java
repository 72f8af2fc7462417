package dev.imbytes.spark;

import dev.imbytes.Conversion;
import dev.imbytes.ConversionResult;
import dev.imbytes.ConversionSpec;
import dev.imbytes.ImageException;
import dev.imbytes.Imbytes;
import dev.imbytes.NativeLibraryException;
import dev.imbytes.internal.spec.FlagHints;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * imbytes in Spark SQL: one UDF that converts the bytes of a {@code binaryFile} row, and never
 * fails a task because of one bad file.
 *
 * <pre>{@code
 * ImbytesSpark.register(spark);
 * spark.read().format("binaryFile").option("recursiveFileLookup", "true").load("s3a://bucket/photos")
 *      .selectExpr("path", "imbytes_convert(content, '--fit 256x256 --to webp --quality 80') AS thumb");
 *
 * Dataset<Row> out = ImbytesSpark.convert(files, "--fit 256x256 --to jpg --quality 85");
 * // out = files + data BINARY, format STRING, width INT, height INT, error STRING
 * }</pre>
 *
 * <p><b>Result.</b> {@code struct<data BINARY, format STRING, width INT, height INT, error STRING>}:
 * on success {@code data} holds the encoded output, {@code format} its format id
 * ({@code jpeg}, {@code png}, {@code webp}, ...) and {@code width}/{@code height} its size, and
 * {@code error} is null; on failure {@code error} holds a one-line message (prefixed with the
 * exception's simple name, e.g. {@code "ImageTooLargeException: ..."}; a format refusal names the
 * spec flag that lifts it, {@code --allow jp2}, or says that none does) and the other fields are null.
 * A null {@code content} gives an error row too.
 *
 * <p><b>Specs.</b> The spec is a {@link ConversionSpec} string (the CLI's {@code convert} flags, parsed in the core),
 * including the limits and allow-list: {@code --max-pixels}, {@code --max-side}, {@code --max-bytes},
 * {@code --allow jp2,ppm}. Each executor JVM caches up to {@value #SPEC_CACHE_SIZE} parsed specs.
 * In SQL a bad spec gives an error row per input ({@code "bad spec: ..."}), because the spec may be a
 * column; {@link #convert(Dataset, String)} checks its spec on the driver and throws
 * {@link IllegalArgumentException} before any job starts.
 *
 * <p><b>What still fails a task.</b> A {@link NativeLibraryException} (OpenCV cannot load on this
 * executor: every row would fail, so the task does) and JVM {@link Error}s such as
 * {@link OutOfMemoryError}. Anything else thrown while converting one file becomes an error row.
 *
 * <p>OpenCV is loaded lazily, once per executor JVM, on the first conversion.
 */
public final class ImbytesSpark {
    /** The SQL name {@link #register(SparkSession)} gives the UDF. */
    public static final String UDF_NAME = "imbytes_convert";

    /** How many parsed specs each executor JVM keeps. */
    public static final int SPEC_CACHE_SIZE = 64;

    /** The UDF's result type. */
    public static final StructType RESULT_TYPE = new StructType()
            .add("data", DataTypes.BinaryType, true)
            .add("format", DataTypes.StringType, true)
            .add("width", DataTypes.IntegerType, true)
            .add("height", DataTypes.IntegerType, true)
            .add("error", DataTypes.StringType, true);

    private static final String RESULT_COLUMN = "__imbytes_result";

    private ImbytesSpark() {
    }

    /** Registers {@value #UDF_NAME}{@code (content BINARY, spec STRING)} in {@code spark}'s SQL functions. */
    public static void register(SparkSession spark) {
        Objects.requireNonNull(spark, "spark");
        spark.udf().register(UDF_NAME, udf());
    }

    /**
     * The UDF itself, for the Dataset API: {@code files.select(ImbytesSpark.udf().apply(col("content"), lit(spec)))}.
     * It is marked non-deterministic so that Spark never evaluates it twice per row when the struct's
     * fields are selected separately (a conversion is costly).
     */
    public static UserDefinedFunction udf() {
        return functions.udf(new ConvertUdf(), RESULT_TYPE).asNondeterministic().withName(UDF_NAME);
    }

    /**
     * Converts the {@code content} column of a {@code binaryFile} Dataset and adds the columns
     * {@code data}, {@code format}, {@code width}, {@code height} and {@code error} (all other columns
     * are kept; drop {@code content} before writing if the inputs should not be stored twice).
     *
     * @throws IllegalArgumentException on the driver, before any job runs, when {@code spec} is not valid
     */
    public static Dataset<Row> convert(Dataset<Row> binaryFiles, String spec) {
        Objects.requireNonNull(binaryFiles, "binaryFiles");
        ConversionSpec.parse(spec); // fail fast on the driver
        Dataset<Row> withResult = binaryFiles.withColumn(RESULT_COLUMN,
                udf().apply(functions.col("content"), functions.lit(spec)));
        Column r = functions.col(RESULT_COLUMN);
        for (String field : RESULT_TYPE.fieldNames()) {
            withResult = withResult.withColumn(field, r.getField(field));
        }
        return withResult.drop(RESULT_COLUMN);
    }

    /** Converts one input; never throws for a bad image or a bad spec (see the class comment). */
    static Row convertOne(byte[] content, String spec) {
        Conversion conversion;
        try {
            conversion = SpecCache.get(spec);
        } catch (IllegalArgumentException e) {
            return failure("bad spec: " + e.getMessage());
        }
        if (content == null) {
            return failure("no content (null input)");
        }
        try {
            ConversionResult r = Imbytes.convertDetailed(content, conversion);
            return RowFactory.create(r.bytes(), r.outputFormat().id(), r.outputWidth(), r.outputHeight(), null);
        } catch (NativeLibraryException e) {
            throw e;
        } catch (ImageException e) {
            // A format refusal in the spec's own words (--allow jp2), not the Java API's.
            String hint = FlagHints.explain(e, e.image().orElse(null), conversion);
            return failure(e.getClass().getSimpleName() + ": " + (hint != null ? hint : e.getMessage()));
        } catch (RuntimeException e) {
            // Not expected for any input, but one file must never fail the task.
            return failure("internal error: " + e);
        }
    }

    private static Row failure(String message) {
        return RowFactory.create(null, null, null, null, message == null ? "error" : message);
    }

    /** {@code imbytes_convert(content, spec)}. */
    static final class ConvertUdf implements UDF2<byte[], String, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row call(byte[] content, String spec) {
            return convertOne(content, spec);
        }
    }

    /** Parsed specs, per JVM: a small LRU map; a bad spec is cached as its error message. */
    static final class SpecCache {
        private static final Map<String, Object> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > SPEC_CACHE_SIZE;
            }
        };

        private SpecCache() {
        }

        static Conversion get(String spec) {
            if (spec == null) {
                throw new IllegalArgumentException("the spec is null");
            }
            Object cached;
            synchronized (CACHE) {
                cached = CACHE.get(spec);
            }
            if (cached == null) {
                try {
                    cached = ConversionSpec.parse(spec).toConversion();
                } catch (IllegalArgumentException e) {
                    cached = e.getMessage() == null ? "invalid spec" : e.getMessage();
                }
                synchronized (CACHE) {
                    CACHE.put(spec, cached);
                }
            }
            if (cached instanceof Conversion c) {
                return c;
            }
            throw new IllegalArgumentException((String) cached);
        }
    }
}
