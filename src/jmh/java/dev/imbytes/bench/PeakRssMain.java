package dev.imbytes.bench;

import dev.imbytes.Conversion;
import dev.imbytes.Fit;
import dev.imbytes.Imbytes;
import dev.imbytes.JpegOptions;
import dev.imbytes.internal.nativelib.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak RSS (VmHWM) of one conversion, for BENCHMARKS.md. A main rather than a JMH benchmark
 * because the peak is a property of a whole, fresh JVM: run once per measurement, from the
 * repository root after {@code mvn -P jmh -DskipTests package}:
 * {@code java -cp target/benchmarks.jar dev.imbytes.bench.PeakRssMain FILE shrink|full|none}.
 * {@code none} loads OpenCV and reads the file but converts nothing (the baseline).
 */
public final class PeakRssMain {
    /** Arguments: the image file, then {@code shrink} (default), {@code full} or {@code none}. */
    public static void main(String[] args) throws Exception {
        byte[] in = Files.readAllBytes(Path.of(args[0]));
        String mode = args.length > 1 ? args[1] : "shrink";
        NativeLibrary.ensureLoaded();
        int out = 0;
        if (!mode.equals("none")) {
            Conversion c = Conversion.to(JpegOptions.quality(85)).withFit(Fit.within(256, 256));
            c = c.withDecodeOptions(c.decodeOptions().withShrinkOnLoad(mode.equals("shrink")));
            out = Imbytes.convert(in, c).length;
        }
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM:")).findFirst().orElse("VmHWM: ?").substring(6).trim();
        System.out.println(mode + " VmHWM=" + hwm + " out=" + out + " codec=" + Imbytes.jpegCodec());
    }
}
