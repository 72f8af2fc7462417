import dev.imbytes.Conversion;
import dev.imbytes.ConversionSpec;
import dev.imbytes.DecodeOptions;
import dev.imbytes.Fit;
import dev.imbytes.Imbytes;
import dev.imbytes.internal.nativelib.MatScope;
import dev.imbytes.internal.nativelib.NativeLibrary;
import dev.imbytes.internal.pipeline.Pipeline;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * Where a conversion's time goes, step by step: thread CPU per image of ever longer prefixes of the
 * pipeline (probe; the decoder alone at the planned scale; decode with the colour decision and
 * orientation; + resize; + conversion to sRGB; the whole conversion with the encoder), measured in
 * turns for 1.5 s each over 7 rounds after one warm-up round, medians printed with the step each
 * prefix adds. OpenCV runs on this one thread (setNumThreads(1)), so its resize counts in full.
 * Run: {@code java -cp target/imbytes.jar bench/PipelineStages.java "--fit 256x256 --to jpg --quality 85" FILE...}
 */
public class PipelineStages {
    public static void main(String[] a) throws Exception {
        Conversion conversion = ConversionSpec.parse(a[0]).toConversion();
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 1; i < a.length; i++) {
            inputs.add(Files.readAllBytes(Path.of(a[i])));
        }
        NativeLibrary.ensureLoaded();
        Core.setNumThreads(1);
        DecodeOptions options = conversion.decodeOptions();
        Fit fit = conversion.fit().orElse(null);
        Map<String, Consumer<byte[]>> prefixes = new LinkedHashMap<>();
        prefixes.put("probe (inspect)", in -> Pipeline.inspect(ByteBuffer.wrap(in), options));
        prefixes.put("decoder alone, planned scale", in -> {
            Pipeline.Planned planned = Pipeline.plan(ByteBuffer.wrap(in), options, fit);
            try (MatScope scope = new MatScope()) {
                Pipeline.decodeOnly(ByteBuffer.wrap(in), planned, options, scope);
            }
        });
        prefixes.put("+ colour decision, orientation", in -> {
            try (MatScope scope = new MatScope()) {
                Pipeline.decode(ByteBuffer.wrap(in), options, fit, scope);
            }
        });
        prefixes.put("+ resize", in -> {
            try (MatScope scope = new MatScope()) {
                Pipeline.resize(Pipeline.decode(ByteBuffer.wrap(in), options, fit, scope), options.limits(), scope);
            }
        });
        prefixes.put("+ to sRGB", in -> {
            try (MatScope scope = new MatScope()) {
                Pipeline.Decoded decoded = Pipeline.decode(ByteBuffer.wrap(in), options, fit, scope);
                Mat resized = Pipeline.resize(decoded, options.limits(), scope);
                if (decoded.toSrgb() != null) {
                    decoded.toSrgb().convertInPlace(resized);
                }
            }
        });
        prefixes.put("+ encode (the conversion)", in -> Imbytes.convert(in, conversion));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Map<String, double[]> perRound = new LinkedHashMap<>();
        int rounds = 7;
        for (int round = -1; round < rounds; round++) {
            for (Map.Entry<String, Consumer<byte[]>> p : prefixes.entrySet()) {
                long c0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                int n = 0;
                while (System.nanoTime() - t0 < 1_500_000_000L) {
                    for (byte[] in : inputs) {
                        p.getValue().accept(in);
                        n++;
                    }
                }
                if (round >= 0) {
                    perRound.computeIfAbsent(p.getKey(), k -> new double[rounds])[round] =
                            (cpu.getCurrentThreadCpuTime() - c0) / 1e6 / n;
                }
            }
        }
        System.out.printf("%s, %d inputs, thread CPU ms per image (median of %d rounds)%n", a[0], inputs.size(), rounds);
        double previous = 0;
        double whole = median(perRound.get("+ encode (the conversion)"));
        for (Map.Entry<String, double[]> e : perRound.entrySet()) {
            double m = median(e.getValue());
            boolean cumulative = !e.getKey().startsWith("probe");
            System.out.printf("  %-32s %8.3f ms  %s%5.1f %% of the conversion%n", e.getKey(), m,
                    cumulative ? String.format("(step %+7.3f)  ", m - previous) : "                 ", 100 * m / whole);
            if (cumulative) {
                previous = m;
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
