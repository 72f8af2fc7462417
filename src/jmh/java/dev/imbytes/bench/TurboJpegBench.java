package dev.imbytes.bench;

import dev.imbytes.JpegOptions;
import dev.imbytes.internal.codec.JpegAccelerator;
import dev.imbytes.internal.codec.JpegAccelerators;
import dev.imbytes.internal.nativelib.NativeLibrary;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * A quick single-thread throughput comparison, not a JMH benchmark (each case runs for a fixed
 * time and prints one line): the libturbojpeg accelerator against OpenCV's reduced decode and
 * imencode, in the same JVM: through FFM on Java 22+ ({@code target/benchmarks.jar} is a
 * multi-release jar), through JNA below. From the repository root, after {@code mvn -P jmh -DskipTests package}:
 * {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --enable-native-access=ALL-UNNAMED -cp target/benchmarks.jar dev.imbytes.bench.TurboJpegBench [file] [seconds]}.
 * Exits with 3 when no accelerator loaded (no libturbojpeg, or {@code -Dimbytes.turbojpeg.binding=none}).
 */
public final class TurboJpegBench {
    /** Arguments: the JPEG (default: the 18 MP camera photo), then the seconds per case (default 4). */
    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : Images.root().resolve("large/exifr/canon-dslr.jpg");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        NativeLibrary.ensureLoaded();
        JpegAccelerator acc = JpegAccelerators.active();
        if (acc == null) {
            System.out.println("no accelerator on this JVM: " + JpegAccelerators.description());
            System.exit(3);
        }
        byte[] bytes = Files.readAllBytes(file);
        MatOfByte encoded = new MatOfByte(bytes);
        JpegOptions q85 = JpegOptions.quality(85);
        MatOfInt ocvQ85 = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 85);
        int reduced8 = Imgcodecs.IMREAD_REDUCED_COLOR_8 | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
        int full = Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
        Mat thumb = Imgcodecs.imdecode(encoded, reduced8);
        Mat whole = Imgcodecs.imdecode(encoded, full);
        System.out.println(file + " (" + bytes.length + " bytes, " + whole.cols() + "x" + whole.rows() + "), "
                + seconds + " s per case, 1 thread; " + acc.description() + "; java " + System.getProperty("java.version"));

        run("decode 1/8 + encode q85  turbo ", seconds, () -> {
            Mat m = acc.decode(ByteBuffer.wrap(bytes), 8, false);
            return released(m, acc.encode(m, q85).length);
        });
        run("decode 1/8 + encode q85  OpenCV", seconds, () -> {
            Mat m = Imgcodecs.imdecode(encoded, reduced8);
            return released(m, opencvEncode(m, ocvQ85));
        });
        run("decode 1/8 only          turbo ", seconds, () -> released(acc.decode(ByteBuffer.wrap(bytes), 8, false), 1));
        run("decode 1/8 only          OpenCV", seconds, () -> released(Imgcodecs.imdecode(encoded, reduced8), 1));
        run("encode q85 of the 1/8    turbo ", seconds, () -> acc.encode(thumb, q85).length);
        run("encode q85 of the 1/8    OpenCV", seconds, () -> opencvEncode(thumb, ocvQ85));
        run("decode 1/1 only          turbo ", seconds, () -> released(acc.decode(ByteBuffer.wrap(bytes), 1, false), 1));
        run("decode 1/1 only          OpenCV", seconds, () -> released(Imgcodecs.imdecode(encoded, full), 1));
        run("encode q85 full size     turbo ", seconds, () -> acc.encode(whole, q85).length);
        run("encode q85 full size     OpenCV", seconds, () -> opencvEncode(whole, ocvQ85));
    }

    /** OpenCV's imencode to JPEG; the encoded length, so the work cannot be optimised away. */
    private static int opencvEncode(Mat image, MatOfInt params) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", image, out, params);
        int n = (int) out.total();
        out.release();
        return n;
    }

    /** Frees a decoded Mat now (not at GC) so each round costs what a real conversion costs; returns {@code result}. */
    private static int released(Mat decoded, int result) {
        decoded.release();
        return result;
    }

    private static void run(String name, double seconds, IntSupplier op) {
        long warmUntil = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < warmUntil) {
            op.getAsInt();
        }
        long sink = 0;
        int n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            sink += op.getAsInt();
            n++;
            now = System.nanoTime();
        } while (now < end);
        double s = (now - start) / 1e9;
        System.out.printf("%s  %8.1f /s  (%d in %.2f s)%s%n", name, n / s, n, s, sink == 42 ? " " : "");
    }
}
