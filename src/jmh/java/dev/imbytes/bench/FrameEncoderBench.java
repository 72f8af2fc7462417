package dev.imbytes.bench;

import dev.imbytes.FrameEncoder;
import dev.imbytes.Imbytes;
import dev.imbytes.JpegOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * {@link FrameEncoder} on one 1920x1080 BGR frame (the 18 MP camera photo, resized) at q80, into
 * a new array and into a kept direct buffer, beside OpenCV's {@code imencode} in the same JVM.
 * With {@code -prof gc}, {@code gc.alloc.rate.norm} shows what one encode allocates: the result
 * array only (about its length plus 16 bytes) for {@code toArray}, ~0 for {@code intoBuffer}.
 * The codec is the JVM's (JNA on 17–21, FFM on 22+; {@code -jvmArgs -Dimbytes.turbojpeg.binding=none}
 * for OpenCV's). From the repository root, after {@code mvn -P jmh -DskipTests package}:
 * {@code java -jar target/benchmarks.jar FrameEncoderBench -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameEncoderBench {

    private Mat frame;
    private FrameEncoder encoder;
    private ByteBuffer buffer;
    private MatOfInt q80;
    private MatOfByte out;

    @Setup
    public void setUp() throws Exception {
        Imbytes.openCvVersion(); // loads OpenCV
        Mat photo = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(Images.root().resolve("large/exifr/canon-dslr.jpg"))),
                Imgcodecs.IMREAD_REDUCED_COLOR_2);
        frame = new Mat();
        Imgproc.resize(photo, frame, new Size(1920, 1080), 0, 0, Imgproc.INTER_AREA);
        photo.release();
        encoder = FrameEncoder.jpeg(JpegOptions.quality(80));
        buffer = ByteBuffer.allocateDirect(8 << 20);
        q80 = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 80);
        out = new MatOfByte();
        System.out.println("\nframe encoder codec: " + encoder.codec());
    }

    @TearDown
    public void tearDown() {
        encoder.close();
        frame.release();
        out.release();
    }

    /** One frame into a new {@code byte[]}. */
    @Benchmark
    public byte[] toArray() {
        return encoder.encode(frame);
    }

    /** One frame into a kept direct {@code ByteBuffer}. */
    @Benchmark
    public int intoBuffer() {
        buffer.clear();
        return encoder.encode(frame, buffer);
    }

    /** OpenCV's {@code imencode} into a kept {@code MatOfByte}, then to an array, as Java callers of OpenCV do. */
    @Benchmark
    public byte[] opencvImencode() {
        Imgcodecs.imencode(".jpg", frame, out, q80);
        return out.toArray();
    }
}
