package dev.imbytes.internal;

import dev.imbytes.Conversion;
import dev.imbytes.Fit;
import dev.imbytes.Imbytes;
import dev.imbytes.JpegOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JVM start + one conversion, for start-up timing (hyperfine) and for the forked loader tests:
 * {@code java -cp ... dev.imbytes.internal.StartupMain FILE} prints where OpenCV was loaded from
 * and the output size.
 */
public final class StartupMain {
    public static void main(String[] args) throws Exception {
        byte[] in = Files.readAllBytes(Path.of(args.length > 0 ? args[0]
                : "native-test-images/orientation/exif-orientation-examples/Landscape_1.jpg"));
        byte[] out = Imbytes.convert(in, Conversion.to(JpegOptions.quality(85)).resize(Fit.within(256, 256)));
        System.out.println("source=" + NativeLibrary.source());
        System.out.println("bytes=" + out.length);
    }
}
