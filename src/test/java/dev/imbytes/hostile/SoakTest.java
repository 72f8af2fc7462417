package dev.imbytes.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imbytes.Conversion;
import dev.imbytes.DecodeOptions;
import dev.imbytes.Fit;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import dev.imbytes.internal.nativelib.MatCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many conversions in one process: no Mat is left behind, resident memory does not creep, and
 * threads give byte-identical results. The short version runs in every build; the long one
 * ({@code @Tag("soak")}) is left out by default: {@code mvn test -Dimbytes.excludedGroups= -Dgroups=soak -Dtest=SoakTest}.
 */
class SoakTest {

    /** Small inputs of every default format, good and bad, and what each is converted to. */
    static final String[] INPUTS = {
        "valid/pillow/hopper.jpg", "valid/pngsuite/basn6a08.png", "valid/pillow/hopper.webp",
        "valid/pillow/hopper_lzw.tif", "valid/pillow/pal8.bmp", "valid/pillow/icc_profile.png",
        "corrupt/pillow/truncated_jpeg.jpg", "corrupt/pillow-bmpsuite-bad/shortfile.bmp",
        "bombs/thumbor/16384x16384.png",
    };

    static final Format[] TARGETS = {Format.PNG, Format.JPEG, Format.WEBP};

    private static final List<byte[]> DATA = INPUTS.length == 0 ? List.of()
            : java.util.Arrays.stream(INPUTS).map(TestImages::bytes).toList();

    /** Conversion {@code i}: input {@code i % n} to a target and a size that vary with {@code i}. */
    static byte[] convert(int i) {
        byte[] in = DATA.get(i % DATA.size());
        Format to = TARGETS[i / DATA.size() % TARGETS.length];
        int side = 24 + i % 5 * 16;
        try {
            return Imbytes.convert(in, Conversion.to(to).withFit(Fit.within(side, side))
                    .withDecodeOptions(DecodeOptions.defaults().withLenient(i % 7 == 0)));
        } catch (ImageException refused) {
            return new byte[0];
        }
    }

    private static final int CYCLE = INPUTS.length * TARGETS.length * 5;

    /** Runs {@code n} conversions and returns the RSS growth in kB after {@code warmUp} of them. */
    static long[] run(int warmUp, int n) {
        for (int i = 0; i < warmUp; i++) {
            convert(i);
        }
        System.gc();
        long before = Hostile.procStatusKb("VmRSS");
        for (int i = 0; i < n; i++) {
            convert(i);
        }
        System.gc();
        long after = Hostile.procStatusKb("VmRSS");
        return new long[] {before, after};
    }

    @Test
    void twoThousandConversionsLeaveNoMatAndBoundedMemory() {
        long[] rss = run(300, 2000);
        assertEquals(0, MatCounter.live(), "Mats left behind");
        assumeTrue(rss[0] > 0, "no /proc/self/status: RSS not checked");
        long growth = rss[1] - rss[0];
        System.out.println("SoakTest short: VmRSS " + rss[0] + " kB -> " + rss[1] + " kB after 2000 conversions");
        assertTrue(growth < 64 * 1024, "RSS grew by " + growth + " kB over 2000 conversions");
    }

    @Test
    void eightThreadsGiveTheSameBytesAsOne() throws Exception {
        int n = CYCLE;
        List<byte[]> single = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            single.add(convert(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < n; i++) {
                    int k = i;
                    futures.add(pool.submit(() -> convert(k)));
                }
            }
            for (int j = 0; j < futures.size(); j++) {
                assertArrayEquals(single.get(j % n), futures.get(j).get(), "conversion " + j % n + " on 8 threads");
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(0, MatCounter.live(), "Mats left behind");
    }

    /** 100,000 conversions; RSS may grow at most 5 % after a warm-up of 10,000. */
    @Test
    @Tag("soak")
    void hundredThousandConversions() {
        long start = System.nanoTime();
        long[] rss = run(10_000, 100_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, MatCounter.live(), "Mats left behind");
        System.out.printf("SoakTest long: VmRSS %d kB after warm-up -> %d kB after 100000 conversions (%+.2f %%), "
                + "VmHWM %d kB, %.0f s%n", rss[0], rss[1], 100.0 * (rss[1] - rss[0]) / rss[0],
                Hostile.procStatusKb("VmHWM"), seconds);
        assumeTrue(rss[0] > 0, "no /proc/self/status: RSS not checked");
        assertTrue(rss[1] <= rss[0] * 1.05, "RSS grew from " + rss[0] + " kB to " + rss[1] + " kB");
    }
}
