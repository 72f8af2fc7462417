package dev.imbytes.internal.pipeline;

import dev.imbytes.internal.nativelib.NativeLibrary;

import dev.imbytes.Conversion;
import dev.imbytes.DecodeOptions;
import dev.imbytes.Fit;
import dev.imbytes.Imbytes;
import dev.imbytes.JpegOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak RSS (VmHWM) of one conversion in a fresh JVM, for BENCHMARKS.md:
 * {@code java -cp ... dev.imbytes.internal.pipeline.PeakRssMain FILE shrink|full|none}. {@code none} loads
 * OpenCV and reads the file but converts nothing (the baseline).
 */
public final class PeakRssMain {
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
