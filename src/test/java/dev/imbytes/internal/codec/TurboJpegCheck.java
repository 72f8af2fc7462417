package dev.imbytes.internal.codec;

import dev.imbytes.TestImages;
import dev.imbytes.internal.nativelib.NativeLibrary;

import dev.imbytes.ChromaSubsampling;
import dev.imbytes.CorruptImageException;
import dev.imbytes.JpegOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Self-check of the libturbojpeg accelerator against OpenCV's own codec, run by
 * {@code TurboJpegAcceleratorTest} in a forked Java 22+ JVM (Maven's tests run on Java 17 from
 * class folders, where the multi-release {@code META-INF/versions/22} classes are invisible).
 *
 * <p>Exit codes: 0 all checks passed, 1 a check failed, 3 no accelerator was loaded.
 * Prints one line per check and a closing {@code TURBO-CHECK PASSED} or {@code TURBO-CHECK FAILED}.
 */
public final class TurboJpegCheck {
    static final double MIN_DECODE_PSNR = 45.0;
    static final double MIN_ENCODE_PSNR = 38.0;

    private final Path images;
    private final List<String> failures = new ArrayList<>();
    private JpegAccelerator acc;

    private TurboJpegCheck(Path images) {
        this.images = images;
    }

    public static void main(String[] args) throws Exception {
        Path images = args.length > 0 ? Path.of(args[0]) : TestImages.ROOT;
        NativeLibrary.ensureLoaded();
        System.out.println("java " + System.getProperty("java.version") + "; " + JpegAccelerators.description());
        JpegAccelerator a = JpegAccelerators.active();
        if (a == null) {
            System.out.println("NO ACCELERATOR: JpegAccelerators.active() is null");
            System.out.println("TURBO-CHECK FAILED");
            System.exit(3);
        }
        TurboJpegCheck c = new TurboJpegCheck(images);
        c.acc = a;
        c.run();
        if (c.failures.isEmpty()) {
            System.out.println("TURBO-CHECK PASSED");
        } else {
            c.failures.forEach(f -> System.out.println("FAILURE: " + f));
            System.out.println("TURBO-CHECK FAILED (" + c.failures.size() + ")");
            System.exit(1);
        }
    }

    private void run() throws Exception {
        check(acc.getClass().getName().equals("dev.imbytes.internal.codec.turbo.TurboJpegAccelerator"),
                "accelerator class is " + acc.getClass().getName());
        List<Path> decodeSet = new ArrayList<>();
        decodeSet.add(images.resolve("large/exifr/canon-dslr.jpg"));
        try (Stream<Path> s = Files.list(images.resolve("orientation/exif-orientation-examples"))) {
            s.filter(p -> p.toString().endsWith(".jpg")).sorted().forEach(decodeSet::add);
        }
        for (Path p : decodeSet) {
            byte[] bytes = Files.readAllBytes(p);
            for (int denom : new int[] {1, 2, 4, 8}) {
                compareDecode(p, bytes, denom, false, denom == 2); // one direct-buffer pass per file
            }
            compareDecode(p, bytes, 4, true, false);
        }
        otherJpegs();
        encodes();
        corrupt();
        threads();
    }

    private void compareDecode(Path p, byte[] bytes, int denom, boolean gray, boolean direct) {
        ByteBuffer in;
        if (direct) {
            in = ByteBuffer.allocateDirect(bytes.length + 7).position(7);
            in.put(bytes).flip().position(7);
        } else {
            in = ByteBuffer.wrap(bytes);
        }
        Mat t = acc.decode(in, denom, gray);
        Mat o = Imgcodecs.imdecode(new MatOfByte(bytes), openCvFlag(denom, gray));
        String what = p.getFileName() + " 1/" + denom + (gray ? " gray" : "") + (direct ? " direct" : "");
        if (t == null) {
            fail(what + ": accelerator returned null");
            return;
        }
        check(in.position() == (direct ? 7 : 0), what + ": input buffer position unchanged");
        if (t.size().equals(o.size()) && t.type() == o.type()) {
            double inf = Core.norm(t, o, Core.NORM_INF);
            double psnr = inf == 0 ? Double.POSITIVE_INFINITY : Core.PSNR(t, o);
            check(inf == 0 || psnr >= MIN_DECODE_PSNR, what + ": " + t.cols() + "x" + t.rows()
                    + (inf == 0 ? " identical to OpenCV" : " max diff " + inf + ", PSNR " + fmt(psnr) + " dB"));
        } else {
            fail(what + ": size/type " + t.size() + "/" + t.type() + " vs OpenCV " + o.size() + "/" + o.type());
        }
        t.release();
        o.release();
    }

    static int openCvFlag(int denom, boolean gray) {
        int base = switch (denom) {
            case 1 -> gray ? Imgcodecs.IMREAD_GRAYSCALE : Imgcodecs.IMREAD_COLOR;
            case 2 -> gray ? Imgcodecs.IMREAD_REDUCED_GRAYSCALE_2 : Imgcodecs.IMREAD_REDUCED_COLOR_2;
            case 4 -> gray ? Imgcodecs.IMREAD_REDUCED_GRAYSCALE_4 : Imgcodecs.IMREAD_REDUCED_COLOR_4;
            case 8 -> gray ? Imgcodecs.IMREAD_REDUCED_GRAYSCALE_8 : Imgcodecs.IMREAD_REDUCED_COLOR_8;
            default -> throw new IllegalArgumentException();
        };
        return base | Imgcodecs.IMREAD_IGNORE_ORIENTATION; // the accelerator applies no EXIF orientation
    }

    /** Every other JPEG in the image set: CMYK/YCCK → null, the rest the same as OpenCV. */
    private void otherJpegs() throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(images.resolve("valid"))) {
            all = new ArrayList<>(s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList());
        }
        all.add(images.resolve("large/exifr/iptc-mess.jpg"));
        for (Path p : all) {
            byte[] bytes = Files.readAllBytes(p);
            boolean cmyk = dev.imbytes.internal.probe.HeaderProbe.probe(ByteBuffer.wrap(bytes)).channels() == 4;
            Mat t;
            try {
                t = acc.decode(ByteBuffer.wrap(bytes), 1, false);
            } catch (CorruptImageException e) {
                fail(p.getFileName() + ": rejected by the accelerator: " + e.getMessage());
                continue;
            }
            if (cmyk) {
                check(t == null, p.getFileName() + ": CMYK/YCCK falls back to OpenCV (null)");
                continue;
            }
            if (t == null) {
                fail(p.getFileName() + ": null for a non-CMYK JPEG");
                continue;
            }
            t.release();
            compareDecode(p, bytes, 1, false, false);
            compareDecode(p, bytes, 8, false, false);
        }
    }

    private void encodes() throws IOException {
        Mat canon = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(images.resolve("large/exifr/canon-dslr.jpg"))),
                Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
        Mat small = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(
                images.resolve("orientation/exif-orientation-examples/Landscape_1.jpg"))), Imgcodecs.IMREAD_REDUCED_COLOR_2);
        Mat gray = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(
                images.resolve("orientation/exif-orientation-examples/Landscape_1.jpg"))), Imgcodecs.IMREAD_REDUCED_GRAYSCALE_2);
        Mat roi = small.submat(new Rect(13, 7, 301, 203)); // not continuous: pitch > width * 3
        check(!roi.isContinuous(), "ROI test Mat is not continuous");
        // The brief's criterion: the big real photo at q95 and q85, PSNR vs source >= 38 dB.
        compareEncode("canon q95", canon, JpegOptions.quality(95), MIN_ENCODE_PSNR);
        compareEncode("canon q85", canon, JpegOptions.quality(85), MIN_ENCODE_PSNR);
        // The rest: byte-identical to OpenCV is the criterion; the PSNR floor is only a sanity
        // check (this detailed photo at half size measures ~35.5 dB at q85 with either encoder).
        compareEncode("landscape q95", small, JpegOptions.defaults(), 30);
        compareEncode("landscape q85", small, JpegOptions.quality(85), 30);
        // Options in an order that catches state left behind in a reused TurboJPEG instance.
        compareEncode("landscape q85 progressive", small, JpegOptions.quality(85).withProgressive(true), 30);
        compareEncode("landscape q85 after progressive", small, JpegOptions.quality(85), 30);
        compareEncode("landscape q90 4:4:4 progressive", small,
                JpegOptions.quality(90).withSubsampling(ChromaSubsampling.S444).withProgressive(true), 30);
        compareEncode("landscape q70 progressive", small, JpegOptions.quality(70).withProgressive(true), 25);
        for (ChromaSubsampling s : ChromaSubsampling.values()) {
            compareEncode("landscape q90 " + s, small, JpegOptions.quality(90).withSubsampling(s), 30);
        }
        compareEncode("landscape q5", small, JpegOptions.quality(5), 15);
        compareEncode("landscape q100", small, JpegOptions.quality(100), 40);
        compareEncode("landscape q0", small, JpegOptions.quality(0), 10);
        compareEncode("ROI q85", roi, JpegOptions.quality(85), 30);
        compareEncode("gray q85", gray, JpegOptions.quality(85), 30);
        compareEncode("gray q85 progressive", gray, JpegOptions.quality(85).withProgressive(true), 30);
        compareEncode("landscape q90 4:2:2 again", small, JpegOptions.quality(90).withSubsampling(ChromaSubsampling.S422), 30);
        check(acc.encode(small, JpegOptions.quality(85).withOptimize(true)) == null, "optimize → null (OpenCV)");
        check(acc.encode(small, JpegOptions.quality(85).withRestartInterval(4)) == null, "restart interval → null (OpenCV)");
        check(acc.encode(small, JpegOptions.quality(85).withLumaQuality(90).withChromaQuality(70)) == null, "luma/chroma → null (OpenCV)");
        canon.release();
    }

    private void compareEncode(String what, Mat src, JpegOptions o, double minPsnr) {
        byte[] t = acc.encode(src, o);
        if (t == null) {
            fail(what + ": accelerator returned null");
            return;
        }
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(".jpg", src, buf, new MatOfInt(
                Imgcodecs.IMWRITE_JPEG_QUALITY, o.quality(),
                Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, o.progressive() ? 1 : 0,
                Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, o.subsampling().openCvValue()));
        byte[] ocv = buf.toArray();
        boolean identical = Arrays.equals(t, ocv);
        Mat back = Imgcodecs.imdecode(new MatOfByte(t), src.channels() == 1 ? Imgcodecs.IMREAD_GRAYSCALE : Imgcodecs.IMREAD_COLOR);
        double psnr = back.size().equals(src.size()) ? Core.PSNR(back, src) : 0;
        System.out.println("ENCODE " + what + ": " + t.length + " bytes, OpenCV " + ocv.length + " bytes, "
                + (identical ? "byte-identical" : "DIFFERENT bytes") + ", PSNR vs source " + fmt(psnr) + " dB");
        check(back.size().equals(src.size()), what + ": decodes to the source size");
        check(psnr >= minPsnr, what + ": PSNR " + fmt(psnr) + " >= " + minPsnr);
        check(identical, what + ": byte-identical to OpenCV imencode");
        back.release();
    }

    private void corrupt() throws IOException {
        byte[] canon = Files.readAllBytes(images.resolve("large/exifr/canon-dslr.jpg"));
        expectCorrupt("canon-dslr cut to 50%", Arrays.copyOf(canon, canon.length / 2));
        expectCorrupt("canon-dslr cut to 99%", Arrays.copyOf(canon, canon.length - canon.length / 100));
        expectCorrupt("canon-dslr first 1000 bytes", Arrays.copyOf(canon, 1000));
        expectCorrupt("pillow truncated_jpeg.jpg", Files.readAllBytes(images.resolve("corrupt/pillow/truncated_jpeg.jpg")));
        expectCorrupt("sharp corrupt-header.jpg", Files.readAllBytes(images.resolve("corrupt/sharp/corrupt-header.jpg")));
        expectCorrupt("thumbor 1-byte file", Files.readAllBytes(images.resolve("corrupt/thumbor/image_invalid.jpg")));
        expectCorrupt("junk", "this is not a JPEG at all, just some text long enough".getBytes());
        expectCorrupt("SOI only", new byte[] {(byte) 0xFF, (byte) 0xD8});
    }

    private void expectCorrupt(String what, byte[] bytes) {
        for (int denom : new int[] {1, 8}) {
            try {
                Mat m = acc.decode(ByteBuffer.wrap(bytes), denom, false);
                fail(what + " 1/" + denom + ": decoded to " + (m == null ? "null" : m.size()) + " instead of CorruptImageException");
            } catch (CorruptImageException e) {
                System.out.println("ok: " + what + " 1/" + denom + " → CorruptImageException: " + e.getMessage());
            } catch (RuntimeException e) {
                fail(what + " 1/" + denom + ": " + e + " instead of CorruptImageException");
            }
        }
    }

    /** Several threads at once, each with its own TurboJPEG instances, give the same results. */
    private void threads() throws Exception {
        byte[] bytes = Files.readAllBytes(images.resolve("orientation/exif-orientation-examples/Landscape_3.jpg"));
        Mat expected = Imgcodecs.imdecode(new MatOfByte(bytes), openCvFlag(4, false));
        byte[] expectedJpeg = acc.encode(expected, JpegOptions.quality(85));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> {
                    Mat m = acc.decode(ByteBuffer.wrap(bytes), 4, false);
                    boolean same = Core.norm(m, expected, Core.NORM_INF) == 0
                            && Arrays.equals(acc.encode(m, JpegOptions.quality(85)), expectedJpeg);
                    m.release();
                    return same;
                }));
            }
            boolean all = true;
            for (Future<Boolean> f : results) {
                all &= f.get();
            }
            check(all, "40 decode+encode jobs on 4 threads give identical results");
        } finally {
            pool.shutdown();
        }
    }

    private void check(boolean ok, String what) {
        if (ok) {
            System.out.println("ok: " + what);
        } else {
            fail(what);
        }
    }

    private void fail(String what) {
        System.out.println("FAIL: " + what);
        failures.add(what);
    }

    static String fmt(double d) {
        return Double.isInfinite(d) ? "inf" : String.format("%.2f", d);
    }
}
