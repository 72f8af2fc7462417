package dev.imbytes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.Fit;
import dev.imbytes.Size;
import dev.imbytes.Format;
import dev.imbytes.ImageInfo;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** imbytes_convert over every file of native-test-images/, with the outcome index.tsv states. */
@Tag("spark")
class ImbytesSparkTest {
    static final String GLOB = "*.{jpg,jpeg,mpo,png,webp,tif,tiff,bmp,gif,j2k}";
    static final String SPEC = "--fit 64x64 --to png";

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SharedSpark.session();
    }

    static Dataset<Row> files() {
        return spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", GLOB)
                .load(TestImages.ROOT.toAbsolutePath().toString())
                .select("path", "content");
    }

    /** The index row of a binaryFile path such as file:/.../native-test-images/valid/x.png. */
    static TestImages.Row indexRow(String path) {
        String marker = TestImages.ROOT.getFileName() + "/";
        return TestImages.row(path.substring(path.lastIndexOf(marker) + marker.length()));
    }

    @Test
    void everyIndexedFileGetsTheOutcomeTheIndexStates() {
        List<Row> rows = ImbytesSpark.convert(files(), SPEC).select("path", "data", "format", "width", "height", "error")
                .collectAsList();
        assertEquals(TestImages.rows().size(), rows.size(), "one output row per indexed file");
        Map<String, Integer> outcomes = new HashMap<>();
        for (Row r : rows) {
            TestImages.Row index = indexRow(r.getString(0));
            String error = r.getString(5);
            outcomes.merge(index.expected() + (error == null ? " ok" : " error"), 1, Integer::sum);
            switch (index.expected()) {
                case DECODES -> {
                    assertNull(error, index + " should convert");
                    int o = index.appliedOrientation();
                    Size wh = Fit.within(64, 64).outputSize(o >= 5 ? new Size(index.h(), index.w()) : new Size(index.w(), index.h()));
                    byte[] data = (byte[]) r.get(1);
                    ImageInfo info = Imbytes.info(data);
                    assertEquals(Format.PNG, info.format(), index.toString());
                    assertEquals(wh.width(), info.width(), index + " width");
                    assertEquals(wh.height(), info.height(), index + " height");
                    assertEquals("png", r.getString(2));
                    assertEquals(wh.width(), r.getInt(3));
                    assertEquals(wh.height(), r.getInt(4));
                }
                case MUST_FAIL, BOMB -> {
                    assertNotNull(error, index + " must give an error row");
                    assertNull(r.get(1));
                    assertTrue(r.isNullAt(3) && r.isNullAt(4), "no size on an error row");
                    if (index.expected() == TestImages.Expected.BOMB) {
                        assertTrue(error.startsWith("ImageTooLargeException"), error);
                    }
                }
                default -> assertTrue(error != null ^ r.get(1) != null, index + ": data xor error");
            }
        }
        long decodes = TestImages.rows(TestImages.Expected.DECODES).size();
        assertEquals((int) decodes, (int) outcomes.getOrDefault("decodes ok", 0), outcomes.toString());
        assertEquals((Integer) TestImages.rows(TestImages.Expected.MUST_FAIL).size(),
                outcomes.getOrDefault("must-fail error", 0), outcomes.toString());
        assertEquals((Integer) TestImages.rows(TestImages.Expected.BOMB).size(),
                outcomes.getOrDefault("bomb error", 0), outcomes.toString());
    }

    @Test
    void sqlUdfWithABadSpecGivesErrorRowsNotAFailedTask() {
        files().limit(3).createOrReplaceTempView("some_files");
        List<Row> rows = spark.sql("SELECT imbytes_convert(content, '--fit banana') AS r FROM some_files").collectAsList();
        assertEquals(3, rows.size());
        for (Row r : rows) {
            Row result = r.getStruct(0);
            assertNull(result.get(0));
            assertTrue(result.getString(4).startsWith("bad spec: "), result.getString(4));
        }
    }

    @Test
    void sqlUdfAppliesLimitsAndAllowListFromTheSpec() {
        files().where("path LIKE '%valid/libjpeg-turbo/testorig.jpg' OR path LIKE '%robustness/%.j2k'")
                .createOrReplaceTempView("two_files");
        Row tooLarge = spark.sql("SELECT imbytes_convert(content, '--to png --max-pixels 1000') AS r FROM two_files "
                + "WHERE path LIKE '%.jpg'").first().getStruct(0);
        assertTrue(tooLarge.getString(4).startsWith("ImageTooLargeException"), tooLarge.toString());
        Row notAllowed = spark.sql("SELECT imbytes_convert(content, '--to png') AS r FROM two_files "
                + "WHERE path LIKE '%.j2k'").first().getStruct(0);
        assertTrue(notAllowed.getString(4).startsWith("UnsupportedFormatException"), notAllowed.toString());
        Row allowed = spark.sql("SELECT imbytes_convert(content, '--to png --allow jp2') AS r FROM two_files "
                + "WHERE path LIKE '%.j2k'").first().getStruct(0);
        assertTrue(allowed.isNullAt(4) || !allowed.getString(4).startsWith("UnsupportedFormatException"),
                "--allow jp2 lets the JPEG 2000 decoder try: " + allowed);
    }

    /**
     * A spec is written in flags, so a format refusal names the flag that lifts it ({@code --allow
     * jp2}), never the Java API; a GIF, read through the JDK since GIF joined the default
     * allow-list, is no refusal at all.
     */
    @Test
    void formatRefusalsNameTheSpecFlagNotTheJavaApi() {
        Map<String, String> errors = new HashMap<>();
        ImbytesSpark.convert(files().where("path LIKE '%valid/pillow/hopper.gif' OR path LIKE '%robustness/%.j2k'"), SPEC)
                .select("path", "error").collectAsList()
                .forEach(r -> errors.put(r.getString(0).replaceAll(".*\\.", ""), r.getString(1)));
        assertEquals(2, errors.size(), errors.toString());
        String jp2 = errors.get("j2k");
        assertTrue(jp2.startsWith("UnsupportedFormatException: JPEG2000 input is not allowed by default"), jp2);
        assertTrue(jp2.endsWith("opt in with --allow jp2"), jp2);
        assertFalse(jp2.contains("DecodeOptions") || jp2.contains("Format."), jp2);
        assertEquals(null, errors.get("gif"), "the GIF converts");
    }

    @Test
    void sqlUdfKeepsMetadataWhenTheSpecSaysSo() {
        dev.imbytes.Exiftool.require();
        files().where("path LIKE '%valid/exifr/img_1771.jpg'").createOrReplaceTempView("canon");
        Row kept = spark.sql("SELECT imbytes_convert(content, '--to webp --keep-metadata') AS r FROM canon").first().getStruct(0);
        Row stripped = spark.sql("SELECT imbytes_convert(content, '--to webp') AS r FROM canon").first().getStruct(0);
        assertEquals("Canon", dev.imbytes.Exiftool.tags((byte[]) kept.get(0)).get("IFD0:Make"));
        assertNull(dev.imbytes.Exiftool.tags((byte[]) stripped.get(0)).get("IFD0:Make"));
    }

    @Test
    void convertRejectsABadSpecOnTheDriver() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImbytesSpark.convert(files(), "--to nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void theConversionRunsOncePerRow() {
        String plan = ImbytesSpark.convert(files(), SPEC).select("data", "error", "width")
                .queryExecution().executedPlan().toString();
        assertEquals(1, plan.split("imbytes_convert\\(", -1).length - 1, plan);
    }
}
