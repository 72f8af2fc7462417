package dev.imbytes.cli;

import dev.imbytes.cli.files.FileNames;
import dev.imbytes.cli.files.InputList;
import dev.imbytes.Conversion;
import dev.imbytes.ConversionResult;
import dev.imbytes.FrameEncoder;
import dev.imbytes.ImageException;
import dev.imbytes.Imbytes;
import dev.imbytes.JpegOptions;
import dev.imbytes.internal.codec.JpegAccelerators;
import dev.imbytes.internal.nativelib.MatScope;
import dev.imbytes.internal.pipeline.BoundedRead;
import dev.imbytes.internal.nativelib.Threads;
import dev.imbytes.internal.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.opencv.core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imbytes bench DIR [conversion flags]}: reads every image under DIR into memory, then
 * converts them in memory on N threads for S seconds (after a warm-up) and reports throughput,
 * latency percentiles, peak memory and the JPEG codec in use. Nothing is written to disk.
 * With {@code --encode-only}, every image is decoded, resized and adapted once before the clock,
 * and only the JPEG encoding of those frames is timed, by one {@link FrameEncoder} per thread: the
 * figure to set beside {@code cv2.imencode} on the same frames ({@code bench/cv2_encode.py}).
 * With {@code --decode-only}, every image is inspected and planned once before the clock, and only
 * the decoder is timed, at the scale the conversion would decode at: the limit a conversion can
 * approach, and the conversion's rate as a share of it says what the rest of the pipeline costs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure in-memory conversion throughput: read every image under INPUT_DIR into memory, "
                + "convert them over and over on N threads for S seconds, print images/s, MP/s, p50/p99 latency, "
                + "peak RSS and the JPEG codec.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INPUT_DIR", description = "Folder whose images (searched recursively) are converted.")
    String inputDir;

    @Spec
    CommandSpec spec;

    @Mixin
    ConversionOptions options = new ConversionOptions();

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "Measured time in seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", paramLabel = "S", description = "Warm-up time in seconds, not measured (default: min(3, S/2)).")
    Double warmup;

    @Option(names = "--opencv-threads", paramLabel = "N", description = "OpenCV's own thread count: 'auto' (default: 1 when "
            + "--threads > 1, else OpenCV's default), or a number (0 = OpenCV's default).", defaultValue = "auto")
    String openCvThreads;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--encode-only", description = "Decode and resize every image once before the clock, then time "
            + "only the JPEG encoding of those frames (one reusable frame encoder per thread); needs --to jpg.")
    boolean encodeOnly;

    @Option(names = "--decode-only", description = "Inspect and plan every image once before the clock, then time "
            + "only the decoder at the scale the conversion would decode at (shrink-on-load): no orientation, "
            + "resize, colour conversion or encoding. The limit a conversion can approach.")
    boolean decodeOnly;

    private final Main.Streams io;

    BenchCommand(Main.Streams io) {
        this.io = io;
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

        @Override
        void close();
    }

    @Override
    public Integer call() throws Exception {
        Conversion conversion = Main.usage(() -> options.toSpec().toConversion());
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new Main.UsageException("--threads must be at least 1, was " + n);
        }
        if (!(seconds > 0)) {
            throw new Main.UsageException("--seconds must be more than 0, was " + seconds);
        }
        if (warmup != null && !(warmup >= 0)) {
            throw new Main.UsageException("--warmup must be at least 0, was " + warmup);
        }
        if (encodeOnly && decodeOnly) {
            throw new Main.UsageException("--encode-only and --decode-only time different steps: give one");
        }
        Integer fixedOpenCvThreads = openCvThreadCount(); // checked before any image is read
        JpegOptions frameOptions = encodeOnly ? frameOptions(conversion) : null;
        Path dir = Main.existing(inputDir, "input folder");
        if (!Files.isDirectory(dir)) {
            throw new Main.UsageException("INPUT_DIR must be a folder: " + inputDir);
        }
        List<Input> inputs = load(dir, conversion);
        if (inputs.isEmpty()) {
            io.err().println("imbytes: bench: no convertible image under " + inputDir);
            return Main.FAILED;
        }
        double warm = warmup != null ? warmup : Math.min(3, seconds / 2);
        Result r;
        try (Threads.Restore ignored = fixedOpenCvThreads == null ? Threads.forWorkers(n)
                : Threads.withOpenCvThreads(fixedOpenCvThreads)) {
            Supplier<Worker> workers = encodeOnly ? () -> encoding(frameOptions)
                    : decodeOnly ? () -> decoding(conversion.decodeOptions()) : () -> converting(conversion);
            String codec = Imbytes.jpegCodec();
            if (decodeOnly) {
                plans(inputs, conversion);
            }
            if (encodeOnly) {
                frames(inputs, conversion);
                try (FrameEncoder probe = FrameEncoder.jpeg(frameOptions)) {
                    codec = probe.codec();
                }
            }
            run(inputs, workers, n, warm, codec);
            r = run(inputs, workers, n, seconds, codec);
        } finally {
            inputs.forEach(Input::release);
        }
        if (json) {
            BenchReport.json(io.out(), r);
        } else {
            BenchReport.text(io.out(), firstLine(inputs.size(), r, warm), r);
        }
        return io.exitAfterOutput(Main.OK);
    }

    /** The JPEG options {@code --encode-only} encodes with: the conversion's, which must be JPEG's. */
    private static JpegOptions frameOptions(Conversion conversion) {
        if (conversion.encodeOptions().orElse(null) instanceof JpegOptions jpeg) {
            return jpeg;
        }
        throw new Main.UsageException("--encode-only times the JPEG frame encoder: add --to jpg");
    }

    /** Decodes, resizes and adapts every input once (before the clock), as the conversion would. */
    private static void frames(List<Input> inputs, Conversion conversion) {
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            try (MatScope scope = new MatScope()) {
                Mat frame = scope.detach(Pipeline.prepare(java.nio.ByteBuffer.wrap(in.bytes()), conversion, scope));
                inputs.set(i, new Input(in.file(), in.bytes(), (long) frame.cols() * frame.rows(), frame, null));
            }
        }
    }

    /** Inspects and plans every input once (before the clock), as the conversion would. */
    private static void plans(List<Input> inputs, Conversion conversion) {
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            Pipeline.Planned planned = Pipeline.plan(java.nio.ByteBuffer.wrap(in.bytes()), conversion.decodeOptions(),
                    conversion.fit().orElse(null));
            inputs.set(i, new Input(in.file(), in.bytes(), in.pixels(), null, planned));
        }
    }

    private static Worker converting(Conversion conversion) {
        return new Worker() {
            @Override
            public long process(Input in) {
                return Imbytes.convert(in.bytes(), conversion).length;
            }

            @Override
            public void close() {
            }
        };
    }

    private static Worker encoding(JpegOptions options) {
        FrameEncoder encoder = FrameEncoder.jpeg(options);
        return new Worker() {
            @Override
            public long process(Input in) {
                return encoder.encode(in.frame()).length;
            }

            @Override
            public void close() {
                encoder.close();
            }
        };
    }

    private static Worker decoding(dev.imbytes.DecodeOptions options) {
        return new Worker() {
            @Override
            public long process(Input in) {
                try (MatScope scope = new MatScope()) {
                    Mat decoded = Pipeline.decodeOnly(java.nio.ByteBuffer.wrap(in.bytes()), in.planned(), options, scope);
                    return decoded.total() * decoded.elemSize();
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /** {@code --opencv-threads} as a number, or null for {@code auto}. */
    private Integer openCvThreadCount() {
        if ("auto".equalsIgnoreCase(openCvThreads.trim())) {
            return null;
        }
        try {
            int count = Integer.parseInt(openCvThreads.trim());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new Main.UsageException("--opencv-threads must be auto or a number >= 0, was " + openCvThreads);
    }

    /**
     * What was measured, in the words it was asked for: the images, the conversion flags as given on
     * the command line, threads and times, e.g.
     * {@code "bench: 9 images, --fit 256x256 --to jpg --quality 85; 2 threads; 10.0 s after 3.0 s warm-up"}.
     */
    private String firstLine(int images, Result r, double warm) {
        List<String> words = new ArrayList<>();
        var given = spec.commandLine().getParseResult();
        for (var mixin : spec.mixins().values()) {
            for (var option : mixin.options()) {
                if (!given.hasMatchedOption(option)) {
                    continue;
                }
                if (option.arity().max() == 0) {
                    words.add(option.longestName());
                }
                for (String value : option.arity().max() > 0 ? option.stringValues() : List.<String>of()) {
                    words.add(option.longestName() + " " + value);
                }
            }
        }
        if (encodeOnly) {
            words.add("--encode-only (decoded and resized once; only the encoding timed)");
        }
        if (decodeOnly) {
            words.add("--decode-only (planned once; only the decoder timed, at the planned scale)");
        }
        return String.format(Locale.ROOT, "bench: %d image%s, %s; %d thread%s; %.1f s after %.1f s warm-up", images,
                images == 1 ? "" : "s", words.isEmpty() ? "each to its own format, no resize" : String.join(" ", words),
                r.threads(), r.threads() == 1 ? "" : "s", r.seconds(), warm);
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
     * Reads the images (picked as {@code convert} picks a folder's, through the same bounded reader)
     * and keeps those that convert; the others are named on stderr.
     */
    private List<Input> load(Path dir, Conversion conversion) throws IOException {
        List<Input> out = new ArrayList<>();
        for (Path f : InputList.images(dir, dir)) {
            byte[] b = null;
            try {
                b = BoundedRead.readFile(f, conversion.decodeOptions().limits().maxBytes());
                ConversionResult r = Imbytes.convertDetailed(b, conversion);
                out.add(new Input(f, b, (long) r.inputWidth() * r.inputHeight(), null, null));
            } catch (ImageException | IllegalArgumentException e) {
                io.err().println("imbytes: bench: skipping " + FileNames.display(f) + ": "
                        + UserMessages.explain(e, UserMessages.headerOf(e), conversion));
            }
        }
        return out;
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
