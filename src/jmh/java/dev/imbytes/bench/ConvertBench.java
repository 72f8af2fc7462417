package dev.imbytes.bench;

import dev.imbytes.Conversion;
import dev.imbytes.Fit;
import dev.imbytes.Imbytes;
import dev.imbytes.JpegOptions;
import dev.imbytes.PngOptions;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
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
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Encoded bytes in memory → resized → encoded bytes, one image per operation (so ops/s =
 * images/s), cycling through an image set, single thread. The same work through imbytes, the raw
 * OpenCV Java calls (full and reduced decode), javax.imageio + Graphics2D and Thumbnailator.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 5, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class ConvertBench {

    @Param({"SEED", "THUMBNAIL", "PNG"})
    public Workload workload;

    @Param({"photos", "large"})
    public String set;

    private List<byte[]> inputs;
    private MatOfByte[] encodedMats;
    private int[][] targets;   // per image: output w, h
    private int[] reductions;  // per image: JPEG scale denominator for the reduced path
    private Conversion conversion;
    private MatOfInt params;
    private String ext;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        inputs = Images.load(set);
        conversion = Conversion.to(workload.format.equals("png") ? PngOptions.defaults() : JpegOptions.quality(workload.quality))
                .withFit(workload.exact ? Fit.exact(workload.width, workload.height) : Fit.within(workload.width, workload.height));
        Imbytes.convert(inputs.get(0), conversion); // loads OpenCV
        ext = "." + workload.format;
        params = workload.format.equals("png")
                ? new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 6, Imgcodecs.IMWRITE_PNG_STRATEGY, Imgcodecs.IMWRITE_PNG_STRATEGY_DEFAULT)
                : new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, workload.quality);
        encodedMats = new MatOfByte[inputs.size()];
        targets = new int[inputs.size()][];
        reductions = new int[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            encodedMats[i] = new MatOfByte(inputs.get(i));
            Mat full = Imgcodecs.imdecode(encodedMats[i], Imgcodecs.IMREAD_COLOR); // upright, as OpenCV applies EXIF
            targets[i] = workload.size(full.cols(), full.rows());
            reductions[i] = workload.reduction(full.cols(), full.rows());
            full.release();
        }
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == inputs.size() ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public byte[] imbytes() {
        return Imbytes.convert(inputs.get(nextIndex()), conversion);
    }

    /** What a user of the plain OpenCV Java API writes: imdecode (from a MatOfByte) → resize AREA → imencode. */
    @Benchmark
    public byte[] opencvFull() {
        int i = nextIndex();
        return opencv(new MatOfByte(inputs.get(i)), Imgcodecs.IMREAD_COLOR, i);
    }

    /** The same with OpenCV's reduced JPEG decode at the factor imbytes picks. */
    @Benchmark
    public byte[] opencvReduced() {
        int i = nextIndex();
        int flags = switch (reductions[i]) {
            case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2;
            case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4;
            case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8;
            default -> Imgcodecs.IMREAD_COLOR;
        };
        return opencv(new MatOfByte(inputs.get(i)), flags, i);
    }

    private byte[] opencv(MatOfByte encoded, int flags, int i) {
        Mat decoded = Imgcodecs.imdecode(encoded, flags);
        encoded.release();
        Mat resized = new Mat();
        Imgproc.resize(decoded, resized, new Size(targets[i][0], targets[i][1]), 0, 0, Imgproc.INTER_AREA);
        decoded.release();
        return encodeAndRelease(ext, resized, params);
    }

    /** The raw OpenCV tail of every baseline: imencode → MatOfByte → byte[], releasing the image. */
    static byte[] encodeAndRelease(String ext, Mat image, MatOfInt params) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(ext, image, out, params);
        image.release();
        byte[] b = out.toArray();
        out.release();
        return b;
    }

    /** javax.imageio decode → Graphics2D bilinear (quality hints) → ImageIO encode. No EXIF orientation. */
    @Benchmark
    public byte[] imageio() throws IOException {
        int i = nextIndex();
        BufferedImage src = ImageIO.read(new ByteArrayInputStream(inputs.get(i)));
        int[] t = workload.size(src.getWidth(), src.getHeight());
        BufferedImage dst = new BufferedImage(t[0], t[1], BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, t[0], t[1], null);
        g.dispose();
        return JavaEncoders.write(dst, workload.format, workload.quality);
    }

    /** Thumbnailator (its own progressive downscaling; applies EXIF orientation). */
    @Benchmark
    public byte[] thumbnailator() throws IOException {
        int i = nextIndex();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thumbnails.Builder<?> b = Thumbnails.of(new ByteArrayInputStream(inputs.get(i)))
                .size(workload.width, workload.height).keepAspectRatio(!workload.exact)
                .outputFormat(workload.format);
        if (!workload.format.equals("png")) {
            b = b.outputQuality(workload.quality / 100.0);
        }
        b.toOutputStream(out);
        return out.toByteArray();
    }

    /** ImageIO writers with an explicit JPEG quality. */
    static final class JavaEncoders {
        private JavaEncoders() {
        }

        static byte[] write(BufferedImage img, String format, int quality) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (format.equals("png")) {
                ImageIO.write(img, "png", bytes);
                return bytes.toByteArray();
            }
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                w.setOutput(out);
                ImageWriteParam p = w.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(quality / 100f);
                w.write(null, new IIOImage(img, null, null), p);
            } finally {
                w.dispose();
            }
            return bytes.toByteArray();
        }
    }
}
