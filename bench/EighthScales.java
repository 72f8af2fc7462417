import dev.imbytes.internal.codec.JpegAccelerators;
import dev.imbytes.internal.codec.turbo.TurboJpegBinding;
import dev.imbytes.internal.nativelib.NativeLibrary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Would libjpeg-turbo's other scaling factors (M/8, tjGetScalingFactors) pay? For a fit-within box,
 * decodes every input at each given M/8 with the system's libturbojpeg, then resizes with AREA to
 * the box, as the pipeline would: wall time per image (median of 5 rounds of 1.5 s after one warm-up
 * round, OpenCV on {@code -Dcvthreads} threads, default 1), then each output's PSNR against the full
 * decode resized in floating point (what imbytes gives without shrink-on-load). An M/8 that does not
 * cover the box for an input is reported and skipped.
 * Run: {@code java [-Dcvthreads=N] -cp target/imbytes.jar bench/EighthScales.java BOX M,M,... FILE...}, e.g.
 * {@code 1000 5,8 native-test-images/orientation/exif-orientation-examples/*.jpg}.
 */
public class EighthScales {
    private static TurboJpegBinding lib;
    private static long handle;
    private static long source;
    private static long cells;
    private static ByteBuffer sourceView;
    private static ByteBuffer cellsView;

    public static void main(String[] a) throws Exception {
        NativeLibrary.ensureLoaded();
        Core.setNumThreads(Integer.getInteger("cvthreads", 1));
        if (JpegAccelerators.active() == null) {
            throw new IllegalStateException("needs the system libturbojpeg");
        }
        lib = JpegAccelerators.binding();
        handle = lib.initDecompress();
        source = lib.alloc(64 << 20);
        cells = lib.alloc(32);
        sourceView = lib.view(source, 64 << 20);
        cellsView = lib.view(cells, 32).order(ByteOrder.nativeOrder());
        int box = Integer.parseInt(a[0]);
        int[] eighths = Arrays.stream(a[1].split(",")).mapToInt(Integer::parseInt).toArray();
        List<byte[]> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 2; i < a.length; i++) {
            inputs.add(Files.readAllBytes(Path.of(a[i])));
            names.add(Path.of(a[i]).getFileName().toString());
        }
        List<int[]> targets = new ArrayList<>();
        for (byte[] in : inputs) {
            int[] size = header(in);
            targets.add(target(size[0], size[1], box));
        }
        for (int m : eighths) {
            for (int i = 0; i < inputs.size(); i++) {
                if (!covers(inputs.get(i), m, box)) {
                    throw new IllegalArgumentException(m + "/8 of " + names.get(i) + " does not cover " + box);
                }
            }
        }
        double[][] rounds = new double[eighths.length][5];
        for (int round = -1; round < 5; round++) {
            for (int k = 0; k < eighths.length; k++) {
                long t0 = System.nanoTime();
                int n = 0;
                while (System.nanoTime() - t0 < 1_500_000_000L) {
                    for (int i = 0; i < inputs.size(); i++) {
                        Mat decoded = decode(inputs.get(i), eighths[k]);
                        Mat out = area(decoded, targets.get(i), false);
                        decoded.release();
                        out.release();
                        n++;
                    }
                }
                if (round >= 0) {
                    rounds[k][round] = (System.nanoTime() - t0) / 1e6 / n;
                }
            }
        }
        System.out.printf("fit within %d, OpenCV threads %d, %d inputs%n", box, Core.getNumThreads(), inputs.size());
        for (int k = 0; k < eighths.length; k++) {
            Arrays.sort(rounds[k]);
            StringBuilder psnr = new StringBuilder();
            for (int i = 0; i < inputs.size(); i++) {
                Mat full = decode(inputs.get(i), 8);
                Mat reference = area(full, targets.get(i), true);
                Mat scaled = decode(inputs.get(i), eighths[k]);
                Mat out = area(scaled, targets.get(i), false);
                double db = Core.PSNR(out, reference);
                psnr.append(db > 99 ? String.format(" %s identical", names.get(i)) : String.format(" %s %.2f", names.get(i), db));
                full.release();
                reference.release();
                scaled.release();
                out.release();
            }
            System.out.printf("  decode at %d/8 + AREA: %7.2f ms/image; PSNR vs full decode (dB):%s%n", eighths[k],
                    rounds[k][2], psnr);
        }
    }

    private static int[] header(byte[] jpeg) {
        sourceView.put(0, jpeg);
        if (lib.decompressHeader3(handle, source, jpeg.length, cells) != 0) {
            throw new IllegalStateException(lib.errorString(handle));
        }
        return new int[] {cellsView.getInt(0), cellsView.getInt(4)};
    }

    private static boolean covers(byte[] jpeg, int eighths, int box) {
        int[] size = header(jpeg);
        int[] target = target(size[0], size[1], box);
        return (size[0] * eighths + 7) / 8 >= target[0] && (size[1] * eighths + 7) / 8 >= target[1];
    }

    private static int[] target(int width, int height, int box) {
        double s = Math.min((double) box / width, (double) box / height);
        return new int[] {(int) Math.round(width * s), (int) Math.round(height * s)};
    }

    /** Decodes at eighths/8 (tjDecompress2 picks the factor from the size asked for); BGR, accurate IDCT. */
    private static Mat decode(byte[] jpeg, int eighths) {
        int[] size = header(jpeg);
        int w = (size[0] * eighths + 7) / 8;
        int h = (size[1] * eighths + 7) / 8;
        Mat mat = new Mat(h, w, CvType.CV_8UC3);
        if (lib.decompress2(handle, source, jpeg.length, mat.dataAddr(), w, w * 3, h, TurboJpegBinding.TJPF_BGR,
                TurboJpegBinding.TJFLAG_ACCURATEDCT | TurboJpegBinding.TJFLAG_STOPONWARNING) != 0) {
            throw new IllegalStateException(lib.errorString(handle));
        }
        return mat;
    }

    /** AREA to {@code target} (computed from the full size); in floating point for the reference. */
    private static Mat area(Mat image, int[] target, boolean inFloat) {
        Mat in = image;
        if (inFloat) {
            in = new Mat();
            image.convertTo(in, CvType.CV_32FC3);
        }
        Mat out = new Mat();
        Imgproc.resize(in, out, new org.opencv.core.Size(target[0], target[1]), 0, 0, Imgproc.INTER_AREA);
        if (inFloat) {
            in.release();
            Mat rounded = new Mat();
            out.convertTo(rounded, CvType.CV_8UC3);
            out.release();
            return rounded;
        }
        return out;
    }
}
