package dev.imbytes;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * Child-JVM side of {@link ErrorHeaderTest}: makes a small PNG, provokes one library error per
 * case and prints {@code case|exception type|e.image()|Imbytes.info(input)} per line, so the test
 * sees what a caller sees.
 */
public final class ErrorHeaderMain {
    private ErrorHeaderMain() {
    }

    /** Runs every case and prints one line each. */
    public static void main(String[] args) {
        Imbytes.openCvVersion(); // loads OpenCV, as any first call of the library does, before the Mat below
        Mat mat = new Mat(30, 40, CvType.CV_8UC3, new Scalar(10, 120, 230));
        byte[] png = Imbytes.encode(mat, Format.PNG);
        byte[] truncated = Arrays.copyOf(png, png.length - 20);
        byte[] unknown = "not an image at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        DecodeOptions tiny = DecodeOptions.defaults().withLimits(Limits.defaults().withMaxPixels(100));
        DecodeOptions onlyJpeg = DecodeOptions.defaults().withAllowedFormats(Set.of(Format.JPEG));
        DecodeOptions fewBytes = DecodeOptions.defaults().withLimits(Limits.defaults().withMaxBytes(10));

        run("over-pixels", png, () -> Imbytes.convert(png, Conversion.to(Format.JPEG).withDecodeOptions(tiny)));
        run("decode-over-pixels", png, () -> Imbytes.decode(png, tiny));
        run("not-allowed", png, () -> Imbytes.convert(png, Conversion.to(Format.JPEG).withDecodeOptions(onlyJpeg)));
        run("cannot-write", png, () -> Imbytes.convert(png, Conversion.to(Format.EXR)));
        run("temp-file-write", png, () -> Imbytes.convert(png, Conversion.to(Format.PFM)));
        run("truncated", truncated, () -> Imbytes.convert(truncated, Conversion.to(Format.JPEG)));
        run("resize-over-limit", png, () -> Imbytes.convert(png, Conversion.to(Format.JPEG).withFit(Fit.exact(60_000, 60_000))));
        run("unrecognised", unknown, () -> Imbytes.convert(unknown, Conversion.to(Format.JPEG)));
        run("over-bytes", png, () -> Imbytes.convert(png, Conversion.to(Format.JPEG).withDecodeOptions(fewBytes)));
        run("mat-encode", png, () -> Imbytes.encode(mat, Format.EXR));
        mat.release();
    }

    private static void run(String name, byte[] input, Supplier<Object> call) {
        String type;
        String image;
        try {
            Object result = call.get();
            if (result instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // an ImageMat's close does not throw
                }
            }
            type = "no-error";
            image = "none";
        } catch (ImageException e) {
            type = e.getClass().getSimpleName();
            image = e.image().map(ImageInfo::toString).orElse("none");
        }
        String info;
        try {
            info = Imbytes.info(input).toString();
        } catch (ImageException e) {
            info = "none";
        }
        System.out.println(name + "|" + type + "|" + image + "|" + info);
    }
}
