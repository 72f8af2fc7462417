package dev.imbytes.cli;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Counts for the closing line on stderr; skipped inputs are counted by their reason. */
final class Summary {
    int ok;
    int failed;
    int skipped;
    long bytesIn;
    long bytesOut;
    private final Map<String, Integer> skipReasons = new TreeMap<>();
    private final long start = System.nanoTime();

    void add(Outcome r) {
        switch (r.status) {
            case OK -> ok++;
            case ERROR -> failed++;
            case SKIPPED -> {
                skipped++;
                skipReasons.merge(r.errorMessage, 1, Integer::sum);
            }
        }
        bytesIn += Math.max(0, r.bytesIn);
        bytesOut += r.bytesOut();
    }

    String line(boolean interrupted, int total) {
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = ok + failed + skipped;
        String reasons = skipReasons.isEmpty() ? "" : skipReasons.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ", " (", ")"));
        return String.format(Locale.ROOT, "imbytes: %s%d ok, %d failed, %d skipped%s; %.1f MB in, %.1f MB out; "
                        + "%.1f s, %.1f images/s", interrupted ? "interrupted after " + done + " of " + total + ": " : "",
                ok, failed, skipped, reasons, bytesIn / 1e6, bytesOut / 1e6, seconds, seconds > 0 ? done / seconds : 0);
    }
}
