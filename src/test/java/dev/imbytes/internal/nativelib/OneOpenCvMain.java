package dev.imbytes.internal.nativelib;

import dev.imbytes.Conversion;
import dev.imbytes.Fit;
import dev.imbytes.Imbytes;
import dev.imbytes.PngOptions;
import dev.imbytes.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * An application that loads OpenCV itself, in a child JVM of {@link OneOpenCvTest}. Each argument
 * is one step, run in order: {@code imbytes} (a conversion through imbytes), {@code loadLocally} /
 * {@code loadShared} (openpnp's loaders), {@code loadLibrary}
 * ({@code System.loadLibrary(Core.NATIVE_LIBRARY_NAME)}) or {@code load=FILE} ({@code System.load}).
 * After each step it prints how many distinct {@code libopencv_java} files {@code /proc/self/maps}
 * holds; at the end it makes a Mat with the application's own OpenCV classes, has imbytes encode it
 * as PNG, decodes the bytes again with the application's classes and prints a pixel.
 */
public final class OneOpenCvMain {
    private OneOpenCvMain() {
    }

    /**
     * Runs the steps named by {@code args} in order, then the Mat round trip, printing one line per step.
     *
     * @param args the steps ({@code imbytes}, {@code loadLocally}, {@code loadShared}, {@code loadLibrary}, {@code load=FILE})
     * @throws IOException when a test image or {@code /proc/self/maps} cannot be read
     */
    public static void main(String[] args) throws IOException {
        for (String step : args) {
            if (step.equals("imbytes")) {
                byte[] in = Files.readAllBytes(TestImages.fixture("orientation/exif-orientation-examples/Landscape_1.jpg"));
                Imbytes.convert(in, Conversion.to(PngOptions.defaults()).withFit(Fit.within(32, 32)));
            } else if (step.equals("loadLocally")) {
                nu.pattern.OpenCV.loadLocally();
            } else if (step.equals("loadShared")) {
                nu.pattern.OpenCV.loadShared();
            } else if (step.equals("loadLibrary")) {
                System.loadLibrary(Core.NATIVE_LIBRARY_NAME);
            } else if (step.startsWith("load=")) {
                System.load(step.substring("load=".length()));
            } else {
                throw new IllegalArgumentException(step);
            }
            System.out.println(step + ": mapped=" + mappedOpenCv().size());
        }
        Mat mat = new Mat(48, 64, CvType.CV_8UC3, new Scalar(0, 128, 255));
        byte[] png = Imbytes.encode(mat, ".png");
        Mat back = Imgcodecs.imdecode(new MatOfByte(png), Imgcodecs.IMREAD_UNCHANGED);
        System.out.println("png=" + back.cols() + "x" + back.rows() + " pixel=" + Arrays.toString(back.get(10, 10)));
        mat.release();
        back.release();
        System.out.println("source=" + NativeLibrary.source());
        Set<String> files = mappedOpenCv();
        System.out.println("mapped=" + files.size() + " " + files);
        System.out.println("peakRssKb=" + dev.imbytes.hostile.Hostile.procStatusKb("VmHWM"));
    }

    /** The distinct {@code libopencv_java*} files mapped into this process. */
    static Set<String> mappedOpenCv() throws IOException {
        Set<String> files = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String file = line.substring(slash).replace(" (deleted)", "");
            if (Path.of(file).getFileName().toString().startsWith("libopencv_java")) {
                files.add(file);
            }
        }
        return files;
    }
}
