package dev.imbytes.readme;

import dev.imbytes.Background;
import dev.imbytes.Conversion;
import dev.imbytes.ConversionResult;
import dev.imbytes.Fit;
import dev.imbytes.Format;
import dev.imbytes.FrameEncoder;
import dev.imbytes.ImageInfo;
import dev.imbytes.ImageMat;
import dev.imbytes.Imbytes;
import dev.imbytes.Interpolation;
import dev.imbytes.JpegOptions;
import dev.imbytes.PngOptions;
import dev.imbytes.WebpOptions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.opencv.core.Mat;

/**
 * The Java blocks of README.md, each held as a region between a {@code // README: name} line and a
 * {@code // END} line. {@link DocSnippetsMatchTest} checks that every region is, word for word, a
 * block of a doc, and that the block imports every type this file imports for it, so a README
 * block that stops
 * compiling breaks the build here; {@link ReadmeSnippetsTest} runs them. The variables a block
 * uses but does not declare ({@code mat}, {@code bytes}, ...) are the surrounding method's
 * parameters; what a block computes is returned so that the test can check it.
 */
final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    /** What the first README block produces. */
    record Basic(byte[] jpeg, byte[] png, byte[] webp, int width) {
    }

    /** What the "More:" README block produces (its PNG goes to the caller's stream). */
    record More(ConversionResult result, ImageInfo info, BufferedImage img, byte[] smallJpeg) {
    }

    /** What the "Frames" README block produces. */
    record Frames(byte[] jpeg, int length) {
    }

    static Frames frames(Mat mat, ByteBuffer buffer) {
        // README: frames
        byte[] jpeg;
        int length;
        try (FrameEncoder frames = FrameEncoder.jpeg(JpegOptions.quality(80))) {   // one per thread
            jpeg = frames.encode(mat);                                             // a new array
            length = frames.encode(mat, buffer);                                   // into buffer, at its position
        }
        // END
        return new Frames(jpeg, length);
    }

    static Basic basic(Mat mat, BufferedImage bufferedImage, byte[] inputBytes) {
        // README: basic
        byte[] jpeg = Imbytes.encode(mat, ".jpg");                       // Mat → JPEG bytes (cv2.imencode)
        byte[] png  = Imbytes.encode(bufferedImage, Format.PNG);         // BufferedImage → PNG bytes
        byte[] webp = Imbytes.convert(inputBytes,                        // bytes → resized WebP bytes
                Conversion.to(WebpOptions.quality(80)).withFit(Fit.within(500, 500)));

        int width;
        try (ImageMat image = Imbytes.decode(inputBytes)) {              // bytes → BGR Mat (cv2.imdecode)
            Mat bgr = image.mat();                                       // released when the block ends
            width = bgr.cols();
        }
        // END
        return new Basic(jpeg, png, webp, width);
    }

    static More more(byte[] bytes, Mat mat, OutputStream outputStream) throws IOException {
        // README: more
        ConversionResult r = Imbytes.convertDetailed(bytes, Conversion.to(JpegOptions.quality(85).withProgressive(true))
                .withFit(Fit.cover(256, 256)).withBackground(Background.parse("#202020")));
        r.bytes(); r.outputWidth(); r.inputFormat();

        ImageInfo info = Imbytes.info(bytes);            // header only, no decoding: format, size, channels, colour model, EXIF orientation
        BufferedImage img = Imbytes.decodeToBufferedImage(bytes);
        byte[] smallJpeg;
        try (ImageMat small = Imbytes.resize(mat, Fit.width(800).withInterpolation(Interpolation.LANCZOS4))) {
            smallJpeg = Imbytes.encode(small.mat(), Format.JPEG);
        }
        Imbytes.encode(mat, PngOptions.defaults().withCompressionLevel(9), outputStream);
        // END
        return new More(r, info, img, smallJpeg);
    }

    static ConversionResult metadata(byte[] bytes) {
        // README: metadata
        ConversionResult kept = Imbytes.convertDetailed(bytes, Conversion.to(Format.WEBP).withKeepMetadata(true));
        kept.warnings();                                   // what could not be kept, and why
        // END
        return kept;
    }
}
