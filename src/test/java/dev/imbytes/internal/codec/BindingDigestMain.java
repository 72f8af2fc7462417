package dev.imbytes.internal.codec;

import dev.imbytes.ChromaSubsampling;
import dev.imbytes.Conversion;
import dev.imbytes.ConversionSpec;
import dev.imbytes.FrameEncoder;
import dev.imbytes.Imbytes;
import dev.imbytes.JpegOptions;
import dev.imbytes.TestImages;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Child JVM for {@code TurboBindingsTest}: prints the JPEG codec in use, the DEBUG records of the
 * codec choice ("LOG ..."), then one line per output, "name sha256", for frames made from a real
 * photo (BGR, BGRA, grey, a region of interest) through {@link FrameEncoder} and for the README's
 * conversions W1 and W2 of real JPEGs. Run under each binding, the lines must match.
 */
public final class BindingDigestMain {
    // A strong reference: JUL holds loggers weakly.
    private static final Logger CHOICE = Logger.getLogger(JpegAccelerators.class.getName());

    private BindingDigestMain() {
    }

    public static void main(String[] args) throws Exception {
        CHOICE.setLevel(Level.ALL);
        CHOICE.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                System.out.println("LOG " + r.getLevel() + " " + java.text.MessageFormat.format(r.getMessage(),
                        r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        Imbytes.openCvVersion(); // loads OpenCV before the first Mat below
        System.out.println("codec " + Imbytes.jpegCodec());
        byte[] photo = TestImages.bytes("large/exifr/canon-dslr.jpg");
        Mat full = Imgcodecs.imdecode(new MatOfByte(photo), Imgcodecs.IMREAD_REDUCED_COLOR_4);
        Mat bgr = new Mat();
        Imgproc.resize(full, bgr, new Size(640, 360), 0, 0, Imgproc.INTER_AREA);
        Mat bgra = new Mat();
        Imgproc.cvtColor(bgr, bgra, Imgproc.COLOR_BGR2BGRA);
        Mat grey = new Mat();
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        Mat roi = bgr.submat(new Rect(13, 7, 333, 201)); // odd size, not continuous
        List<JpegOptions> options = List.of(JpegOptions.quality(80), JpegOptions.quality(95).withProgressive(true),
                JpegOptions.quality(60).withSubsampling(ChromaSubsampling.S444), JpegOptions.quality(80).withOptimize(true));
        String[] names = {"bgr", "bgra", "grey", "roi"};
        Mat[] frames = {bgr, bgra, grey, roi};
        for (JpegOptions o : options) {
            try (FrameEncoder encoder = FrameEncoder.jpeg(o)) {
                for (int i = 0; i < frames.length; i++) {
                    byte[] a = encoder.encode(frames[i]);
                    ByteBuffer direct = ByteBuffer.allocateDirect(a.length + 3).position(3);
                    encoder.encode(frames[i], direct);
                    byte[] b = new byte[a.length];
                    direct.position(3).get(b);
                    String same = java.util.Arrays.equals(a, b) ? "" : " BYTEBUFFER-DIFFERS";
                    System.out.println("frame " + names[i] + " " + o + " " + sha256(a) + same);
                }
            }
        }
        for (String image : List.of("large/exifr/canon-dslr.jpg", "valid/libjpeg-turbo/testorig.jpg",
                "valid/pillow/hopper.jpg")) {
            for (String w : List.of("--exact 500x500 --to jpg --quality 95", "--fit 256x256 --to jpg --quality 85")) {
                Conversion c = ConversionSpec.parse(w).toConversion();
                System.out.println("convert " + image + " " + w + " " + sha256(Imbytes.convert(TestImages.bytes(image), c)));
            }
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
