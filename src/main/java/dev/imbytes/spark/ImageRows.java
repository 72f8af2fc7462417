package dev.imbytes.spark;

import dev.imbytes.ImageMat;
import dev.imbytes.internal.nativelib.NativeLibrary;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Rows of Spark's image schema ({@code spark.read().format("image")}, the struct in its
 * {@code image} column) to OpenCV Mats and back, so pipelines built on that schema can encode with
 * imbytes: {@code try (ImageMat m = ImageRows.toMat(row.getStruct(0))) { Imbytes.encode(m.mat(), Format.WEBP); }}.
 *
 * <p>The schema is the one of {@code org.apache.spark.ml.image.ImageSchema.columnSchema} (spark-mllib,
 * which imbytes does not need): {@code origin} STRING, {@code height}, {@code width},
 * {@code nChannels}, {@code mode} INT and {@code data} BINARY, the pixels row by row in OpenCV's
 * order (grey, BGR or BGRA). Only 8-bit modes exist there: {@value #MODE_GRAY} = CV_8UC1,
 * {@value #MODE_BGR} = CV_8UC3, {@value #MODE_BGRA} = CV_8UC4.
 */
public final class ImageRows {
    /** OpenCV type CV_8UC1 as Spark's image schema writes it. */
    public static final int MODE_GRAY = 0;
    /** OpenCV type CV_8UC3. */
    public static final int MODE_BGR = 16;
    /** OpenCV type CV_8UC4. */
    public static final int MODE_BGRA = 24;

    /** Spark's image schema (the struct of the {@code image} column). */
    public static final StructType IMAGE_SCHEMA = new StructType()
            .add("origin", DataTypes.StringType, true)
            .add("height", DataTypes.IntegerType, false)
            .add("width", DataTypes.IntegerType, false)
            .add("nChannels", DataTypes.IntegerType, false)
            .add("mode", DataTypes.IntegerType, false)
            .add("data", DataTypes.BinaryType, false);

    private ImageRows() {
    }

    /**
     * A Mat copy of an image-schema row (the row's fields are found by name when it has a schema,
     * else by the schema's order). The caller owns and closes the result.
     *
     * @throws IllegalArgumentException for a mode other than 0, 16 or 24, or data of the wrong length
     */
    public static ImageMat toMat(Row image) {
        Objects.requireNonNull(image, "image");
        int height = intField(image, "height", 1);
        int width = intField(image, "width", 2);
        int channels = intField(image, "nChannels", 3);
        int mode = intField(image, "mode", 4);
        byte[] data = (byte[]) field(image, "data", 5);
        int type = switch (mode) {
            case MODE_GRAY -> CvType.CV_8UC1;
            case MODE_BGR -> CvType.CV_8UC3;
            case MODE_BGRA -> CvType.CV_8UC4;
            default -> throw new IllegalArgumentException("image mode " + mode + " is not one of 0 (CV_8UC1), "
                    + "16 (CV_8UC3), 24 (CV_8UC4)");
        };
        if (CvType.channels(type) != channels) {
            throw new IllegalArgumentException("nChannels " + channels + " does not match mode " + mode);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be > 0, was " + width + "x" + height);
        }
        if (data == null || (long) width * height * channels != data.length) {
            throw new IllegalArgumentException("data holds " + (data == null ? "no" : data.length) + " bytes, a "
                    + width + "x" + height + "x" + channels + " image needs " + (long) width * height * channels);
        }
        NativeLibrary.ensureLoaded();
        Mat m = new Mat(height, width, type);
        try {
            m.put(0, 0, data);
            return new ImageMat(m);
        } catch (RuntimeException e) {
            m.release();
            throw e;
        }
    }

    /**
     * An image-schema row holding a copy of an 8-bit grey, BGR or BGRA Mat's pixels (the Mat stays
     * the caller's).
     *
     * @param origin the {@code origin} field, e.g. the source path (may be null)
     * @throws IllegalArgumentException for a Mat that is empty or not 8-bit with 1, 3 or 4 channels
     *                                  (convert it first, e.g. with {@code Mat.convertTo})
     */
    public static Row toRow(Mat mat, String origin) {
        Objects.requireNonNull(mat, "mat");
        if (mat.empty()) {
            throw new IllegalArgumentException("cannot make an image row of an empty Mat");
        }
        int type = mat.type();
        int mode;
        if (type == CvType.CV_8UC1) {
            mode = MODE_GRAY;
        } else if (type == CvType.CV_8UC3) {
            mode = MODE_BGR;
        } else if (type == CvType.CV_8UC4) {
            mode = MODE_BGRA;
        } else {
            throw new IllegalArgumentException("Spark's image schema holds 8-bit images with 1, 3 or 4 "
                    + "channels; this Mat is " + CvType.typeToString(type));
        }
        byte[] data = new byte[Math.toIntExact(mat.total() * mat.channels())];
        if (mat.isContinuous()) {
            mat.get(0, 0, data);
        } else {
            Mat compact = mat.clone();
            try {
                compact.get(0, 0, data);
            } finally {
                compact.release();
            }
        }
        return RowFactory.create(origin, mat.rows(), mat.cols(), mat.channels(), mode, data);
    }

    private static Object field(Row row, String name, int position) {
        int i = row.schema() != null ? row.fieldIndex(name) : position;
        return row.get(i);
    }

    private static int intField(Row row, String name, int position) {
        Object v = field(row, name, position);
        if (!(v instanceof Integer i)) {
            throw new IllegalArgumentException("image field " + name + " is " + v + ", not an int");
        }
        return i;
    }
}
