import dev.imbytes.*;
import java.lang.management.*;
import java.nio.file.*;
import java.util.*;

/**
 * Thread-CPU cost of {@code withKeepMetadata(true)}: each input is converted with and without it,
 * alternating (and alternating which goes first) in one thread, 31 rounds after 10 warm-up
 * rounds; prints the medians. Run: {@code java -cp target/imbytes.jar bench/KeepMetadataCost.java FILE...}
 */
public class KeepMetadataCost {
    public static void main(String[] a) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<byte[]> inputs = new ArrayList<>();
        for (String p : a) inputs.add(Files.readAllBytes(Path.of(p)));
        String[] tos = {"jpg", "webp"};
        for (String to : tos) {
            Conversion strip = ConversionSpec.parse("--fit 256x256 --to " + to).toConversion();
            Conversion keep = strip.withKeepMetadata(true);
            for (int w = 0; w < 10; w++) for (byte[] in : inputs) { Imbytes.convert(in, strip); Imbytes.convert(in, keep); }
            int rounds = 31;
            for (int i = 0; i < inputs.size(); i++) {
                long[] s = new long[rounds], k = new long[rounds];
                for (int r = 0; r < rounds; r++) {
                    boolean keepFirst = r % 2 == 1; // alternate order too
                    for (int pass = 0; pass < 2; pass++) {
                        boolean doKeep = (pass == 0) == keepFirst;
                        long t0 = mx.getCurrentThreadCpuTime();
                        Imbytes.convert(inputs.get(i), doKeep ? keep : strip);
                        long dt = mx.getCurrentThreadCpuTime() - t0;
                        if (doKeep) k[r] = dt; else s[r] = dt;
                    }
                }
                Arrays.sort(s); Arrays.sort(k);
                System.out.printf("%s %-40s strip %.3f ms  keep %.3f ms  (+%.3f ms, %+.1f%%)%n", to, Path.of(a[i]).getFileName(),
                        s[rounds / 2] / 1e6, k[rounds / 2] / 1e6, (k[rounds / 2] - s[rounds / 2]) / 1e6,
                        100.0 * (k[rounds / 2] - s[rounds / 2]) / s[rounds / 2]);
            }
        }
    }
}
