package dev.imbytes.internal.colour;

import dev.imbytes.DecodeOptions;
import dev.imbytes.Format;
import dev.imbytes.ImageMat;
import dev.imbytes.Imbytes;
import dev.imbytes.Limits;
import dev.imbytes.internal.metadata.IccProfileReader;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The CPU cost of one {@link SrgbConversion#convertInPlace} on a W2-sized thumbnail (the image
 * resized to fit 256×256), the JDK's ColorConvertOp path against the Java matrix/TRC path,
 * interleaved, thread CPU, medians; plus the copies alone (Mat.get and Mat.put). Run after
 * {@code mvn test-compile}:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) dev.imbytes.internal.colour.SrgbConversionCostMain ROUNDS IMAGE [exhaustive]
 * </pre>
 */
public final class SrgbConversionCostMain {
    private SrgbConversionCostMain() {
    }

    /** {@code args}: the number of rounds and a JPEG with an RGB ICC profile. */
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        byte[] file = Files.readAllBytes(Path.of(args[1]));
        byte[] icc = IccProfileReader.read(file, Format.JPEG, Limits.DEFAULT_MAX_ICC_BYTES, w -> { }).orElseThrow();
        long t = System.nanoTime();
        SrgbConversion conversion = new SrgbConversion(SrgbConversion.Kind.RGB,
                new ICC_ColorSpace(ICC_Profile.getInstance(icc)), "test");
        System.out.printf(Locale.ROOT, "prepared in %.1f ms; fast path %s, max difference from the JDK %d levels%n",
                (System.nanoTime() - t) / 1e6, conversion.hasFastPath(), conversion.fastPathMaxDifference());
        if (args.length > 2 && args[2].equals("exhaustive")) {
            MatrixShaper shaper = MatrixShaper.of(ICC_Profile.getInstance(icc),
                    ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB));
            System.out.printf(Locale.ROOT, "all 16,777,216 colours: at most %d levels from the JDK%n",
                    conversion.maxDifference(shaper, 1));
        }
        Mat thumb;
        try (ImageMat full = Imbytes.decode(file, DecodeOptions.defaults().withConvertToSrgb(false))) {
            Mat m = full.mat();
            thumb = new Mat();
            double scale = Math.min(256.0 / m.cols(), 256.0 / m.rows());
            Imgproc.resize(m, thumb, new Size(Math.round(m.cols() * scale), Math.round(m.rows() * scale)), 0, 0,
                    Imgproc.INTER_AREA);
        }
        int n = thumb.cols() * thumb.rows();
        byte[] copy = new byte[n * 3];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] jdk = new long[rounds];
        long[] inJava = new long[rounds];
        long[] copies = new long[rounds];
        long[] rasters = new long[rounds];
        // the other JDK route: ColorConvertOp given both profiles, on Rasters (no BufferedImage)
        java.awt.image.ColorConvertOp byProfiles = new java.awt.image.ColorConvertOp(new ICC_Profile[] {
            ICC_Profile.getInstance(icc), ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB)}, null);
        byte[] rin = new byte[n * 3];
        byte[] rout = new byte[n * 3];
        thumb.get(0, 0, rin);
        java.awt.image.WritableRaster srcRaster = java.awt.image.Raster.createInterleavedRaster(
                new java.awt.image.DataBufferByte(rin, rin.length), thumb.cols(), thumb.rows(), thumb.cols() * 3, 3,
                new int[] {2, 1, 0}, null);
        java.awt.image.WritableRaster dstRaster = java.awt.image.Raster.createInterleavedRaster(
                new java.awt.image.DataBufferByte(rout, rout.length), thumb.cols(), thumb.rows(), thumb.cols() * 3, 3,
                new int[] {2, 1, 0}, null);
        Mat a = new Mat();
        for (int i = -50; i < rounds; i++) {
            thumb.copyTo(a);
            long t0 = mx.getCurrentThreadCpuTime();
            conversion.convertThroughJdk(a);
            long t1 = mx.getCurrentThreadCpuTime();
            thumb.copyTo(a);
            long t2 = mx.getCurrentThreadCpuTime();
            conversion.convertInPlace(a);
            long t3 = mx.getCurrentThreadCpuTime();
            a.get(0, 0, copy);
            a.put(0, 0, copy);
            long t4 = mx.getCurrentThreadCpuTime();
            byProfiles.filter(srcRaster, dstRaster);
            long t5 = mx.getCurrentThreadCpuTime();
            if (i >= 0) {
                rasters[i] = t5 - t4;
                jdk[i] = t1 - t0;
                inJava[i] = t3 - t2;
                copies[i] = t4 - t3;
            }
        }
        Mat viaJdk = new Mat();
        thumb.copyTo(viaJdk);
        conversion.convertThroughJdk(viaJdk);
        Mat viaJava = new Mat();
        thumb.copyTo(viaJava);
        conversion.convertInPlace(viaJava);
        byte[] x = new byte[n * 3];
        byte[] y = new byte[n * 3];
        viaJdk.get(0, 0, x);
        viaJava.get(0, 0, y);
        int max = 0;
        int differ = 0;
        for (int i = 0; i < x.length; i++) {
            int d = Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
            max = Math.max(max, d);
            differ += d == 0 ? 0 : 1;
        }
        System.out.printf(Locale.ROOT, "%dx%d (%d px), %d rounds, thread CPU medians: JDK %.3f ms, Java %.3f ms,"
                        + " get+put alone %.3f ms, JDK filter(Raster, Raster) with both profiles %.3f ms; this thumbnail: %d of %d samples differ, by at most %d%n",
                thumb.cols(), thumb.rows(), n, rounds, median(jdk), median(inJava), median(copies), median(rasters), differ, x.length, max);
    }

    private static double median(long[] times) {
        long[] s = times.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }
}
