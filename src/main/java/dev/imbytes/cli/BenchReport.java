package dev.imbytes.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How {@code bench} prints what it measured: one JSON object, or a few aligned lines of text. */
final class BenchReport {
    private BenchReport() {
    }

    /** The {@code --json} form: one object, keys in the documented order. */
    static void json(PrintStream out, BenchRun.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", r.images());
        m.put("seconds", round(r.seconds(), 3));
        m.put("imagesPerSec", round(r.imagesPerSec(), 2));
        m.put("mpPerSec", round(r.mpPerSec(), 2));
        m.put("p50Millis", round(r.p50Millis(), 3));
        m.put("p99Millis", round(r.p99Millis(), 3));
        m.put("peakRssMb", round(r.peakRssMb(), 1));
        m.put("threads", r.threads());
        m.put("jpegCodec", r.jpegCodec());
        m.put("cpuMillisPerImage", round(r.cpuMillisPerImage(), 3));
        m.put("workerCpuMillisPerImage", round(r.workerCpuMillisPerImage(), 3));
        out.println(Outcome.json(m));
    }

    /** The text form: {@code firstLine} (what was measured), then one figure a line. */
    static void text(PrintStream out, String firstLine, BenchRun.Result r) {
        out.println(firstLine);
        out.printf(Locale.ROOT, "images/s   %10.2f%n", r.imagesPerSec());
        out.printf(Locale.ROOT, "input MP/s %10.2f%n", r.mpPerSec());
        out.printf(Locale.ROOT, "p50        %10.3f ms%n", r.p50Millis());
        out.printf(Locale.ROOT, "p99        %10.3f ms%n", r.p99Millis());
        out.printf(Locale.ROOT, "CPU/image  %10.3f ms (process CPU time, all threads)%n", r.cpuMillisPerImage());
        out.printf(Locale.ROOT, "worker CPU %10.3f ms per image (the worker threads' own CPU time)%n",
                r.workerCpuMillisPerImage());
        out.printf(Locale.ROOT, "peak RSS   %10.1f MB%n", r.peakRssMb());
        out.printf(Locale.ROOT, "JPEG codec %s%n", r.jpegCodec());
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
