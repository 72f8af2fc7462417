package dev.imbytes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.Format;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example job end to end: a folder of files in, Parquet out, counts printed. */
@Tag("spark")
class ThumbnailJobTest {

    @Test
    void convertsAFolderToParquetWithAnErrorColumn(@TempDir Path tmp) {
        Path input = TestImages.fixture("valid/pillow").toAbsolutePath();
        String output = tmp.resolve("thumbs.parquet").toString();
        ThumbnailJob.Counts counts = ThumbnailJob.run(SharedSpark.session(), input.toString(), output,
                "--fit 32x32 --to webp", "*.{jpg,mpo,png,webp,tif,tiff,bmp,gif}");

        List<TestImages.Row> index = TestImages.rows(r -> r.path().startsWith("valid/pillow/"));
        assertEquals(index.size(), counts.ok());
        assertEquals(0, counts.failed(), "every file decodes, GIF included (first frame)");

        Dataset<Row> written = SharedSpark.session().read().parquet(output);
        assertEquals(List.of("path", "data", "format", "width", "height", "error"), List.of(written.columns()));
        assertEquals(index.size(), written.count());
        assertEquals(0, written.where("error IS NOT NULL").count());
        for (Row r : written.where("error IS NULL").select("path", "data").collectAsList()) {
            byte[] data = (byte[]) r.get(1);
            assertNotNull(data, r.getString(0));
            assertEquals(Format.WEBP, Imbytes.info(data).format());
            assertTrue(Math.max(Imbytes.info(data).width(), Imbytes.info(data).height()) <= 32, r.getString(0));
        }
    }
}
