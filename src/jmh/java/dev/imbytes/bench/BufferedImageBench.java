package dev.imbytes.bench;

import dev.imbytes.Imbytes;
import dev.imbytes.JpegOptions;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import net.coobird.thumbnailator.Thumbnails;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** A {@code TYPE_3BYTE_BGR} BufferedImage (decoded beforehand) → JPEG q95 bytes, one image per operation. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 5, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class BufferedImageBench {

    @Param({"photos"})
    public String set;

    private List<BufferedImage> images;
    private final JpegOptions q95 = JpegOptions.quality(95);
    private MatOfInt params;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        images = new ArrayList<>();
        for (byte[] b : Images.load(set)) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(b));
            if (img.getType() != BufferedImage.TYPE_3BYTE_BGR) {
                throw new IllegalStateException("expected TYPE_3BYTE_BGR, got " + img.getType());
            }
            images.add(img);
        }
        Imbytes.encode(images.get(0), q95); // loads OpenCV
        params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 95);
    }

    private BufferedImage nextImage() {
        BufferedImage b = images.get(next);
        next = next + 1 == images.size() ? 0 : next + 1;
        return b;
    }

    @Benchmark
    public byte[] imbytes() {
        return Imbytes.encode(nextImage(), q95);
    }

    /** The raw OpenCV Java calls: the BGR bytes into a Mat with one put, then imencode. */
    @Benchmark
    public byte[] opencv() {
        BufferedImage img = nextImage();
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Mat m = new Mat(img.getHeight(), img.getWidth(), CvType.CV_8UC3);
        m.put(0, 0, px);
        return ConvertBench.encodeAndRelease(".jpg", m, params);
    }

    @Benchmark
    public byte[] imageio() throws IOException {
        return ConvertBench.JavaEncoders.write(nextImage(), "jpg", 95);
    }

    @Benchmark
    public byte[] thumbnailator() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thumbnails.of(nextImage()).scale(1.0).outputFormat("jpg").outputQuality(0.95).toOutputStream(out);
        return out.toByteArray();
    }
}
