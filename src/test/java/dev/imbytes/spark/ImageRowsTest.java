package dev.imbytes.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.imbytes.Format;
import dev.imbytes.ImageMat;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Spark image-schema rows ↔ Mats, pixel for pixel, also through a DataFrame. */
@Tag("spark")
class ImageRowsTest {

    static Mat randomMat(int channels, long seed) {
        Imbytes.openCvVersion(); // loads OpenCV
        int w = 37;
        int h = 23; // odd sizes: no accidental alignment
        byte[] px = new byte[w * h * channels];
        new Random(seed).nextBytes(px);
        Mat m = new Mat(h, w, CvType.CV_8UC(channels));
        m.put(0, 0, px);
        return m;
    }

    static byte[] pixels(Mat m) {
        byte[] px = new byte[(int) (m.total() * m.channels())];
        m.get(0, 0, px);
        return px;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4})
    void matToRowToMatIsPixelIdentical(int channels) {
        Mat m = randomMat(channels, channels);
        try {
            Row row = ImageRows.toRow(m, "mem://" + channels);
            assertEquals(channels == 1 ? 0 : channels == 3 ? 16 : 24, row.getInt(4), "mode");
            assertEquals(channels, row.getInt(3));
            assertEquals(m.rows(), row.getInt(1));
            assertEquals(m.cols(), row.getInt(2));

            // through Spark: a DataFrame with an image column, collected back
            StructType schema = new StructType().add("image", ImageRows.IMAGE_SCHEMA);
            List<Row> back = SharedSpark.session()
                    .createDataFrame(List.of(RowFactory.create(row)), schema).collectAsList();
            Row collected = back.get(0).getStruct(0);
            assertEquals("mem://" + channels, collected.getString(0));
            try (ImageMat again = ImageRows.toMat(collected)) {
                assertEquals(m.type(), again.mat().type());
                assertEquals(m.size(), again.mat().size());
                assertArrayEquals(pixels(m), pixels(again.mat()));
            }
        } finally {
            m.release();
        }
    }

    @Test
    void aRowWithoutSchemaIsReadByPosition() {
        Mat m = randomMat(3, 7);
        try {
            Row row = ImageRows.toRow(m, null);
            Row plain = RowFactory.create(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5));
            try (ImageMat again = ImageRows.toMat(plain)) {
                assertArrayEquals(pixels(m), pixels(again.mat()));
            }
        } finally {
            m.release();
        }
    }

    @Test
    void aDecodedImageEncodesFromItsRow() {
        try (ImageMat decoded = Imbytes.decode(TestImages.bytes("valid/pillow/hopper.jpg"))) {
            Row row = ImageRows.toRow(decoded.mat(), "hopper.jpg");
            try (ImageMat m = ImageRows.toMat(row)) {
                byte[] webp = Imbytes.encode(m.mat(), Format.WEBP);
                assertEquals(Format.WEBP, Imbytes.info(webp).format());
                assertEquals(128, Imbytes.info(webp).width());
            }
        }
    }

    @Test
    void badRowsAndMatsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ImageRows.toMat(RowFactory.create("x", 2, 2, 3, 99, new byte[12])), "unknown mode");
        assertThrows(IllegalArgumentException.class,
                () -> ImageRows.toMat(RowFactory.create("x", 2, 2, 3, 16, new byte[11])), "short data");
        assertThrows(IllegalArgumentException.class,
                () -> ImageRows.toMat(RowFactory.create("x", 2, 2, 1, 16, new byte[12])), "channels vs mode");
        Imbytes.openCvVersion();
        Mat sixteen = new Mat(2, 2, CvType.CV_16UC1);
        try {
            assertThrows(IllegalArgumentException.class, () -> ImageRows.toRow(sixteen, null));
        } finally {
            sixteen.release();
        }
    }
}
