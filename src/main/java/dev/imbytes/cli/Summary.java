package dev.imbytes.cli;

import java.util.Locale;

/** Counts for the closing line on stderr. */
final class Summary {
    int ok;
    int failed;
    int skipped;
    long bytesIn;
    long bytesOut;
    private final long start = System.nanoTime();

    void add(Outcome r) {
        switch (r.status) {
            case OK -> ok++;
            case ERROR -> failed++;
            case SKIPPED -> skipped++;
        }
        bytesIn += Math.max(0, r.bytesIn);
        bytesOut += r.bytesOut();
    }

    String line(boolean interrupted, int total) {
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = ok + failed + skipped;
        return String.format(Locale.ROOT, "imbytes: %s%d ok, %d failed, %d skipped; %.1f MB in, %.1f MB out; "
                        + "%.1f s, %.1f images/s", interrupted ? "interrupted after " + done + " of " + total + ": " : "",
                ok, failed, skipped, bytesIn / 1e6, bytesOut / 1e6, seconds, seconds > 0 ? done / seconds : 0);
    }
}
