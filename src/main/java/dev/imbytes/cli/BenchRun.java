package dev.imbytes.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.opencv.core.Mat;
import dev.imbytes.internal.pipeline.Pipeline;

/**
 * The timed part of {@code bench}, apart from what is timed: N threads, each with its own
 * {@link Worker}, take the inputs round-robin until the clock runs out, and the run is summed up
 * as images/s, latency percentiles, CPU per image and peak memory. {@link BenchCommand} decides
 * what a worker does (convert, encode only, decode only) and prepares the inputs.
 */
final class BenchRun {
    private BenchRun() {
    }

    /** What one run measured. */
    record Result(int images, double seconds, double imagesPerSec, double mpPerSec, double p50Millis, double p99Millis,
                  double peakRssMb, int threads, String jpegCodec, double cpuMillisPerImage,
                  double workerCpuMillisPerImage) {
    }

    /** One thread's way of processing an input; closed when the thread is done. */
    interface Worker extends AutoCloseable {
        /** Processes {@code in}; returns the bytes it produced (encoded bytes, or decoded pixels' bytes). */
        long process(Input in);

        /** Frees what the worker holds; most hold nothing. */
        @Override
        default void close() {
        }
    }

    /**
     * One image in memory and its pixel count; with {@code --encode-only}, also the frame to encode
     * (owned here, released after the run) and the frame's pixel count; with {@code --decode-only},
     * its header and plan.
     */
    record Input(Path file, byte[] bytes, long pixels, Mat frame, Pipeline.Planned planned) {
        void release() {
            if (frame != null) {
                frame.release();
            }
        }
    }

    /**
     * Runs {@code workers} threads, each with its own {@link Worker}, processing the inputs
     * round-robin for {@code secs} seconds.
     */
    static Result run(List<Input> inputs, Supplier<Worker> perThread, int workers, double secs, String codec)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "imbytes-bench");
            t.setDaemon(true);
            return t;
        });
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<long[]>> futures = new ArrayList<>();
            long[] startNanos = new long[1];
            for (int w = 0; w < workers; w++) {
                int first = w;
                futures.add(pool.submit(() -> {
                    try (Worker worker = perThread.get()) {
                        start.await();
                        long cpu0 = threadCpuNanos();
                        long end = startNanos[0] + (long) (secs * 1e9);
                        long[] lat = new long[1024];
                        int count = 0;
                        long pixels = 0;
                        int i = first;
                        long now = System.nanoTime();
                        while (now < end) {
                            Input in = inputs.get(i % inputs.size());
                            i += workers;
                            if (worker.process(in) <= 0) {
                                throw new IllegalStateException("empty output");
                            }
                            long after = System.nanoTime();
                            if (count == lat.length) {
                                lat = Arrays.copyOf(lat, count * 2);
                            }
                            lat[count++] = after - now;
                            pixels += in.pixels();
                            now = after;
                        }
                        long[] res = Arrays.copyOf(lat, count + 3);
                        res[count] = pixels;
                        res[count + 1] = now;
                        res[count + 2] = cpu0 < 0 ? -1 : threadCpuNanos() - cpu0;
                        return res;
                    }
                }));
            }
            long cpuBefore = processCpuNanos();
            startNanos[0] = System.nanoTime();
            start.countDown();
            long[] all = new long[0];
            long pixels = 0;
            long last = startNanos[0];
            long workerCpu = 0;
            for (Future<long[]> f : futures) {
                long[] r = f.get();
                int c = r.length - 3;
                pixels += r[c];
                last = Math.max(last, r[c + 1]);
                workerCpu = workerCpu < 0 || r[c + 2] < 0 ? -1 : workerCpu + r[c + 2];
                int old = all.length;
                all = Arrays.copyOf(all, old + c);
                System.arraycopy(r, 0, all, old, c);
            }
            long cpu = processCpuNanos() - cpuBefore;
            double elapsed = (last - startNanos[0]) / 1e9;
            Arrays.sort(all);
            return new Result(all.length, elapsed, all.length / elapsed, pixels / 1e6 / elapsed,
                    percentile(all, 50) / 1e6, percentile(all, 99) / 1e6, peakRssMb(), workers, codec,
                    cpuBefore < 0 || all.length == 0 ? -1 : cpu / 1e6 / all.length,
                    workerCpu < 0 || all.length == 0 ? -1 : workerCpu / 1e6 / all.length);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The process's CPU time (all threads, user + system), or -1 where the JVM does not tell. Per
     * image, it shows whether more workers cost more CPU per image (contention) independently of
     * how busy the rest of the machine is.
     */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * This thread's CPU time, or -1 where the JVM does not tell: the workers' own CPU per image,
     * which the rest of the process (JIT, GC) and of a loaded machine barely touch.
     */
    static long threadCpuNanos() {
        java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
        return t.isCurrentThreadCpuTimeSupported() ? t.getCurrentThreadCpuTime() : -1;
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** Peak resident set size (VmHWM) of this process in MB, or -1 where /proc is not available. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] p = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(p[0]) / 1024.0; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
