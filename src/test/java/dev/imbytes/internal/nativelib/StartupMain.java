package dev.imbytes.internal.nativelib;

import dev.imbytes.Conversion;
import dev.imbytes.Fit;
import dev.imbytes.Imbytes;
import dev.imbytes.JpegOptions;
import dev.imbytes.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JVM start + one conversion, for start-up timing (hyperfine) and for the forked loader tests:
 * {@code java -cp ... dev.imbytes.internal.nativelib.StartupMain FILE} prints where OpenCV was loaded from
 * and the output size.
 */
public final class StartupMain {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bufferedimage")) { // a BufferedImage as the JVM's first call
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
            System.out.println("bytes=" + Imbytes.encode(img, JpegOptions.quality(90)).length);
            try (dev.imbytes.ImageMat m = Imbytes.toMat(img)) {
                System.out.println("mat=" + m.mat().cols() + "x" + m.mat().rows());
            }
            return;
        }
        byte[] in = Files.readAllBytes(args.length > 0 ? Path.of(args[0])
                : TestImages.fixture("orientation/exif-orientation-examples/Landscape_1.jpg"));
        byte[] out = Imbytes.convert(in, Conversion.to(JpegOptions.quality(85)).withFit(Fit.within(256, 256)));
        System.out.println("source=" + NativeLibrary.source());
        System.out.println("bytes=" + out.length);
    }
}
