package dev.imbytes.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on stderr — done/total, rate, ETA — redrawn at most ten times a second,
 * and only when stderr is a terminal (a log file gets the summary line only).
 */
final class Progress {
    private final PrintStream err;
    private final int total;
    private final long start = System.nanoTime();
    private final boolean enabled;
    private long lastDraw;

    Progress(PrintStream err, int total, boolean enabled) {
        this.err = err;
        this.total = total;
        this.enabled = enabled;
    }

    /** Whether this process's stderr is a terminal (Linux: fd 2 is a tty device). */
    static boolean stderrIsTerminal() {
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            if (Files.exists(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // fall through to the portable guess
        }
        return System.console() != null;
    }

    synchronized void update(int done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        err.print(String.format(Locale.ROOT, "\r[%s] %d/%d  %.1f img/s  ETA %d:%02d ", bar, done, total, rate,
                eta / 60, eta % 60));
        err.flush();
    }

    /** Prints a whole line (a failed input's) above the bar, which the next update redraws. */
    synchronized void println(String line) {
        if (enabled) {
            err.print("\r" + " ".repeat(72) + "\r");
        }
        err.println(line);
        lastDraw = 0;
    }

    synchronized void finish() {
        if (enabled) {
            err.print("\r" + " ".repeat(72) + "\r");
            err.flush();
        }
    }
}
