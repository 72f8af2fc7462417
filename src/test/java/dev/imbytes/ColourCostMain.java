package dev.imbytes;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The CPU cost of colour management on the bench's W2 workload ({@code --fit 256x256 --to jpg
 * --quality 85}): every image of the folders given is converted with and without
 * {@link DecodeOptions#withConvertToSrgb}, interleaved (on, off, on, off ...) so that machine noise
 * hits both alike, and the thread CPU time of each conversion is taken. Prints the median per
 * image and mode and the ratio. Run from the repository root after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) dev.imbytes.ColourCostMain ROUNDS DIR...
 * </pre>
 */
public final class ColourCostMain {
    private ColourCostMain() {
    }

    /** Runs the measurement: {@code args} are the number of rounds, then the folders. */
    public static void main(String[] args) throws IOException {
        int rounds = Integer.parseInt(args[0]);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Conversion on = Conversion.to(JpegOptions.quality(85)).withFit(Fit.within(256, 256));
        Conversion off = on.withDecodeOptions(on.decodeOptions().withConvertToSrgb(false));
        List<Path> inputs = new ArrayList<>();
        for (String dir : Arrays.copyOfRange(args, 1, args.length)) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                files.filter(Files::isRegularFile).sorted().forEach(inputs::add);
            }
        }
        double onTotal = 0;
        double offTotal = 0;
        for (Path input : inputs) {
            byte[] bytes = Files.readAllBytes(input);
            long[] onTimes = new long[rounds];
            long[] offTimes = new long[rounds];
            for (int warm = 0; warm < 5; warm++) {
                Imbytes.convert(bytes, on);
                Imbytes.convert(bytes, off);
            }
            for (int i = 0; i < rounds; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                Imbytes.convert(bytes, on);
                long t1 = mx.getCurrentThreadCpuTime();
                Imbytes.convert(bytes, off);
                long t2 = mx.getCurrentThreadCpuTime();
                onTimes[i] = t1 - t0;
                offTimes[i] = t2 - t1;
            }
            double onMs = median(onTimes) / 1e6;
            double offMs = median(offTimes) / 1e6;
            onTotal += onMs;
            offTotal += offMs;
            System.out.printf(Locale.ROOT, "%-40s on %8.3f ms  off %8.3f ms  cost %+6.1f %%%n",
                    input.getFileName(), onMs, offMs, 100 * (onMs / offMs - 1));
        }
        System.out.printf(Locale.ROOT, "%-40s on %8.3f ms  off %8.3f ms  cost %+6.1f %%%n", "sum of medians",
                onTotal, offTotal, 100 * (onTotal / offTotal - 1));
    }

    private static double median(long[] times) {
        long[] s = times.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
