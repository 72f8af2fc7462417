package dev.imbytes.cli;

import dev.imbytes.cli.files.FileNames;
import dev.imbytes.cli.files.InputList;
import dev.imbytes.Conversion;
import dev.imbytes.ConversionResult;
import dev.imbytes.FrameEncoder;
import dev.imbytes.ImageException;
import dev.imbytes.Imbytes;
import dev.imbytes.JpegOptions;
import dev.imbytes.internal.nativelib.MatScope;
import dev.imbytes.internal.pipeline.BoundedRead;
import dev.imbytes.internal.nativelib.Threads;
import dev.imbytes.cli.BenchRun.Input;
import dev.imbytes.cli.BenchRun.Result;
import dev.imbytes.cli.BenchRun.Worker;
import dev.imbytes.internal.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
            BenchRun.run(inputs, workers, n, warm, codec);
            r = BenchRun.run(inputs, workers, n, seconds, codec);
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
        return in -> Imbytes.convert(in.bytes(), conversion).length;
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
        return in -> {
            try (MatScope scope = new MatScope()) {
                Mat decoded = Pipeline.decodeOnly(java.nio.ByteBuffer.wrap(in.bytes()), in.planned(), options, scope);
                return decoded.total() * decoded.elemSize();
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
}
