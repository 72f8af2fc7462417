package dev.imbytes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.imbytes.Format;
import dev.imbytes.ImageInfo;
import dev.imbytes.ImageMat;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs the Java blocks of docs/spark.md on real photos and checks what their comments promise. */
@Tag("spark")
class SparkDocSnippetsTest {
    /** Nine 1800x1200 camera JPEGs, each with a different EXIF orientation (all upright landscape). */
    private static final String PHOTOS = "orientation/exif-orientation-examples";

    @Test
    void udfBlockGivesOneWebpThumbnailRowPerPhoto() throws IOException {
        Path folder = TestImages.fixture(PHOTOS);
        long photos;
        try (Stream<Path> files = Files.list(folder)) {
            photos = files.filter(p -> p.toString().endsWith(".jpg")).count();
        }
        List<Row> rows = SparkDocSnippets.udf(SharedSpark.session(), folder.toAbsolutePath().toString())
                .select("data", "format", "width", "height", "error").collectAsList();
        assertEquals(photos, rows.size(), "one row per photo");
        for (Row r : rows) {
            assertNull(r.get(4), "error column");
            assertEquals("webp", r.getString(1));
            // --fit 256x256 on an upright 3:2 landscape: 256 wide, and the bytes say the same size.
            assertEquals(256, r.getInt(2));
            ImageInfo info = Imbytes.info((byte[]) r.get(0));
            assertEquals(Arrays.asList(Format.WEBP, 256, r.getInt(3)),
                    Arrays.asList(info.format(), info.width(), info.height()));
            assertEquals(171, r.getInt(3), 1);
        }
    }

    @Test
    void imageRowBlockEncodesTheImageColumnAsWebp() {
        try (ImageMat mat = Imbytes.decode(TestImages.bytes(PHOTOS + "/Landscape_1.jpg"))) {
            Row image = ImageRows.toRow(mat.mat(), "file:/photos/Landscape_1.jpg");
            StructType schema = new StructType().add("image", ImageRows.IMAGE_SCHEMA);
            Row row = new GenericRowWithSchema(new Object[] {image}, schema);
            ImageInfo info = Imbytes.info(SparkDocSnippets.imageRow(row));
            assertEquals(Arrays.asList(Format.WEBP, 1800, 1200), Arrays.asList(info.format(), info.width(), info.height()));
        }
    }
}
