package dev.imbytes.bench;

import dev.imbytes.Conversion;
import dev.imbytes.Fit;
import dev.imbytes.Imbytes;
import dev.imbytes.JpegOptions;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.opencv.core.MatOfByte;

/**
 * How encoded input reaches {@code imdecode}: heap byte[] copied with one put (what imbytes does),
 * a Mat over a direct buffer (no copy), {@code new MatOfByte(bytes)}, and a reused per-thread direct
 * buffer; then the same end to end (fit 256 → JPEG q85) from a heap array and from a direct buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class InputBench {

    @Param({"photos"})
    public String set;

    private List<byte[]> inputs;
    private ByteBuffer[] direct;
    private ByteBuffer scratch;
    private int next;
    private final Conversion thumb = Conversion.to(JpegOptions.quality(85)).withFit(Fit.within(256, 256));

    @Setup(Level.Trial)
    public void setUp() {
        inputs = Images.load(set);
        direct = new ByteBuffer[inputs.size()];
        int max = 0;
        for (int i = 0; i < inputs.size(); i++) {
            direct[i] = ByteBuffer.allocateDirect(inputs.get(i).length).put(inputs.get(i)).flip();
            max = Math.max(max, inputs.get(i).length);
        }
        scratch = ByteBuffer.allocateDirect(max);
        Imbytes.convert(inputs.get(0), thumb); // loads OpenCV
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == inputs.size() ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public long heapOnePut() {
        byte[] b = inputs.get(nextIndex());
        Mat m = new Mat(1, b.length, CvType.CV_8UC1);
        m.put(0, 0, b, 0, b.length);
        long a = m.dataAddr();
        m.release();
        return a;
    }

    @Benchmark
    public long directZeroCopy() {
        ByteBuffer d = direct[nextIndex()];
        Mat m = new Mat(1, d.remaining(), CvType.CV_8UC1, d);
        long a = m.dataAddr();
        m.release();
        return a;
    }

    @Benchmark
    public long matOfByte() {
        MatOfByte m = new MatOfByte(inputs.get(nextIndex()));
        long a = m.dataAddr();
        m.release();
        return a;
    }

    @Benchmark
    public long threadLocalDirect() {
        byte[] b = inputs.get(nextIndex());
        ByteBuffer s = scratch.clear();
        s.put(b).flip();
        Mat m = new Mat(1, b.length, CvType.CV_8UC1, s);
        long a = m.dataAddr();
        m.release();
        return a;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] thumbnailFromHeap() {
        return Imbytes.convert(inputs.get(nextIndex()), thumb);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] thumbnailFromDirect() {
        return Imbytes.convertDetailed(direct[nextIndex()], thumb).bytes();
    }
}
