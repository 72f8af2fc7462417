package dev.imbytes.spark;

import dev.imbytes.ImageMat;
import dev.imbytes.Imbytes;
import dev.imbytes.WebpOptions;
// Same-package imports on purpose: the doc blocks need them, and DocSnippetsMatchTest checks
// each block imports what this file imports for it.
import dev.imbytes.spark.ImageRows;
import dev.imbytes.spark.ImbytesSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Java blocks of docs/spark.md as regions ({@code // README: name} … {@code // END}) that
 * {@code DocSnippetsMatchTest} compares with the doc and {@link SparkDocSnippetsTest} runs. The
 * variables a block uses but does not declare are the surrounding method's parameters.
 */
final class SparkDocSnippets {
    private SparkDocSnippets() {
    }

    static Dataset<Row> udf(SparkSession spark, String photos) {
        // README: spark-udf
        ImbytesSpark.register(spark);   // registers imbytes_convert(content BINARY, spec STRING)

        Dataset<Row> files = spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", "*.{jpg,jpeg,png,webp,tif,tiff,bmp}")
                .load(photos);                  // a folder, or any Hadoop path: "s3a://bucket/photos"

        // typed helper: adds the columns data, format, width, height, error
        Dataset<Row> thumbs = ImbytesSpark.convert(files, "--fit 256x256 --to webp --quality 80");
        // END
        return thumbs;
    }

    static byte[] imageRow(Row row) {
        // README: spark-image-row
        byte[] webp;
        try (ImageMat m = ImageRows.toMat(row.getStruct(row.fieldIndex("image")))) {
            webp = Imbytes.encode(m.mat(), WebpOptions.quality(80));
        }
        // END
        return webp;
    }
}
