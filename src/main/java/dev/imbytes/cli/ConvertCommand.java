package dev.imbytes.cli;

import dev.imbytes.Conversion;
import dev.imbytes.ConversionResult;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.ImageInfo;
import dev.imbytes.ImageTooLargeException;
import dev.imbytes.Imbytes;
import dev.imbytes.internal.Threads;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code imbytes convert}: a file, a folder (recursively, in parallel) or stdin. */
@Command(name = "convert", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Convert a file, a folder (recursively, in parallel) or stdin ('-').",
            "Folder mode converts files with an image extension and mirrors the tree under OUTPUT."},
        footer = {"", "Examples:",
            "  imbytes convert photo.jpg -o thumb.webp --fit 500x500",
            "  imbytes convert photos/ -o thumbs/ --fit 500x500 --to jpg --quality 85",
            "  cat in.png | imbytes convert - --to jpg --background black > out.jpg",
            "", "Exit codes: 0 all ok or skipped, 1 some input failed, 2 usage error."})
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INPUT", description = "A file, a folder, or - for stdin.")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT",
            description = "A file, a folder, or - for stdout (the default for stdin input; required for a folder).")
    String output;

    @Mixin
    ConversionOptions options;

    @Option(names = "--threads", paramLabel = "N", description = "Parallel conversions in folder mode (default: cores).")
    Integer threads;

    @Option(names = "--overwrite", description = "Replace existing outputs (otherwise they are skipped).")
    boolean overwrite;

    @Option(names = "--json", description = "Print one JSON object per input on stdout (JSON Lines).")
    boolean json;

    private final Main.Streams io;
    private final AtomicFiles files;
    private final boolean progressBar;

    ConvertCommand(Main.Streams io) {
        this(io, new AtomicFiles(), io.err() == System.err && Progress.stderrIsTerminal());
    }

    ConvertCommand(Main.Streams io, AtomicFiles files, boolean progressBar) {
        this.io = io;
        this.files = files;
        this.progressBar = progressBar;
    }

    @Override
    public Integer call() throws Exception {
        Format requested = format(options);
        Format implied = requested != null ? requested : outputExtensionFormat();
        Conversion validated = usage(() -> options.toConversion(implied)); // bad values: exit 2 before any work
        if (threads != null && threads < 1) {
            throw new Main.UsageException("--threads must be at least 1, was " + threads);
        }
        if (input.equals("-")) {
            return stdin(requested, validated);
        }
        Path in = Path.of(input);
        if (!Files.exists(in)) {
            throw new Main.UsageException("input not found: " + input);
        }
        if (Files.isDirectory(in)) {
            return folder(in, requested);
        }
        return single(in, requested);
    }

    /** The format named by -o's extension when -o is a file name with an image extension, else null. */
    private Format outputExtensionFormat() {
        if (output == null || output.equals("-") || output.endsWith("/") || Files.isDirectory(Path.of(output))
                || !isImageName(Path.of(output).getFileName().toString())) {
            return null;
        }
        return formatOfName(Path.of(output));
    }

    private static Format format(ConversionOptions options) {
        return usage(options::requestedFormat);
    }

    private static <T> T usage(Callable<T> parse) {
        try {
            return parse.call();
        } catch (IllegalArgumentException | ImageException e) {
            throw new Main.UsageException(e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------ stdin → stdout or a file

    private int stdin(Format requested, Conversion conversion) throws IOException {
        String out = output == null ? "-" : output;
        Format target = requested != null ? requested : out.equals("-") ? null : formatOfName(Path.of(out));
        Conversion c = target == requested ? conversion : usage(() -> options.toConversion(target));
        long start = System.nanoTime();
        byte[] bytes;
        try {
            bytes = readLimited(io.in(), c);
        } catch (ImageTooLargeException e) {
            return report(Record.error("-", out, e, -1, elapsed(start), null));
        }
        Record r = convertBytes("-", out, bytes, c, start, out.equals("-") ? null : Path.of(out));
        if (r.status == Record.Status.OK && out.equals("-")) {
            io.out().write(r.result.bytes());
            io.out().flush();
        }
        return report(r);
    }

    private static byte[] readLimited(java.io.InputStream in, Conversion c) throws IOException {
        long max = c.decodeOptions().limits().maxBytes();
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (data.length > max) {
            throw new ImageTooLargeException("standard input holds more than the limit of " + max + " bytes");
        }
        return data;
    }

    // ------------------------------------------------------------ one file

    private int single(Path in, Format requested) throws IOException {
        Path out = singleOutput(in, requested);
        Format target = requested != null ? requested : out == null ? null : formatOfName(out);
        if (out == null) {
            Record r = convertFile(in, null, target);
            if (r.status == Record.Status.OK) {
                io.out().write(r.result.bytes());
                io.out().flush();
            }
            return report(r);
        }
        return report(convertFile(in, out, target));
    }

    /** Where a single file goes: null means stdout. */
    private Path singleOutput(Path in, Format requested) {
        if (output != null && output.equals("-")) {
            return null;
        }
        if (output != null) {
            Path o = Path.of(output);
            if (Files.isDirectory(o) || output.endsWith("/")) {
                return o.resolve(renamed(in.getFileName().toString(), requested));
            }
            return o;
        }
        if (requested == null) {
            throw new Main.UsageException("give -o OUTPUT (a file, a folder or -) or --to FORMAT");
        }
        return in.resolveSibling(renamed(in.getFileName().toString(), requested));
    }

    // ------------------------------------------------------------ a folder, in parallel

    private int folder(Path inRoot, Format requested) throws Exception {
        if (output == null || output.equals("-")) {
            throw new Main.UsageException("a folder input needs -o OUTPUT_FOLDER");
        }
        Path outRoot = Path.of(output);
        if (Files.exists(outRoot) && !Files.isDirectory(outRoot)) {
            throw new Main.UsageException("output " + output + " exists and is not a folder");
        }
        AtomicFiles.cleanStale(outRoot);
        List<Path> inputs = listImages(inRoot, outRoot);
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Summary summary = new Summary();
        Progress progress = new Progress(io.err(), inputs.size(), progressBar);
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n, daemonThreads());
        Threads.Restore openCvThreads = Threads.forWorkers(n); // n workers already fill the cores
        Thread hook = new Thread(() -> {
            cancelled.set(true);
            pool.shutdownNow();
            files.deleteInFlight();
            try {
                finished.await(5, TimeUnit.SECONDS); // let the main thread print the summary
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "imbytes-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ExecutorCompletionService<Record> done = new ExecutorCompletionService<>(pool);
            List<Future<Record>> futures = new ArrayList<>();
            java.util.Map<Path, Path> plan = outputs(inRoot, outRoot, inputs, requested);
            for (Path in : inputs) {
                Path out = plan.get(in);
                futures.add(done.submit(() -> convertFile(in, out, requested)));
            }
            int completed = 0;
            while (completed < inputs.size() && !cancelled.get()) {
                Future<Record> f = done.poll(200, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                Record r = f.get();
                completed++;
                summary.add(r);
                emit(r);
                progress.update(completed);
            }
            progress.finish();
            pool.shutdownNow();
            io.err().println(summary.line(cancelled.get(), inputs.size()));
            return summary.failed > 0 || cancelled.get() ? Main.FAILED : Main.OK;
        } finally {
            pool.shutdownNow();
            openCvThreads.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for us and exits
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "imbytes-worker");
            t.setDaemon(true);
            return t;
        };
    }

    /** Files below {@code root} with an image extension, sorted; the output folder and our temporaries excluded. */
    static List<Path> listImages(Path root, Path outRoot) throws IOException {
        Path outAbs = outRoot.toAbsolutePath().normalize();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toAbsolutePath().normalize().startsWith(outAbs))
                    .filter(p -> !AtomicFiles.isTemporary(p))
                    .filter(p -> isImageName(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Each input's output path: the tree mirrored under {@code outRoot}, the extension replaced by the
     * target format's. When two inputs would land on one name (photo.tif and photo.webp → photo.jpg),
     * those that change extension keep their old one in the name (photo.tif.jpg), so none is lost.
     */
    static java.util.Map<Path, Path> outputs(Path inRoot, Path outRoot, List<Path> inputs, Format target) {
        java.util.Map<Path, Path> plan = new java.util.LinkedHashMap<>();
        java.util.Map<Path, Integer> uses = new java.util.HashMap<>();
        for (Path in : inputs) {
            Path out = outRoot.resolve(inRoot.relativize(in)).resolveSibling(renamed(in.getFileName().toString(), target));
            plan.put(in, out);
            uses.merge(out, 1, Integer::sum);
        }
        for (java.util.Map.Entry<Path, Path> e : plan.entrySet()) {
            String name = e.getKey().getFileName().toString();
            if (uses.get(e.getValue()) > 1 && !e.getValue().getFileName().toString().equals(name)) {
                e.setValue(e.getValue().resolveSibling(name + target.extension()));
            }
        }
        return plan;
    }

    static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String ext = name.substring(dot).toLowerCase(Locale.ROOT);
        for (Format f : Format.values()) {
            if (f.extensions().contains(ext)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------ the work for one input

    private Record convertFile(Path in, Path out, Format target) {
        long start = System.nanoTime();
        String outName = out == null ? "-" : out.toString();
        long size = -1;
        try {
            size = Files.size(in);
            if (out != null && sameFile(in, out)) {
                return Record.error(in.toString(), outName,
                        new IllegalArgumentException("output is the input file; refusing to overwrite an input"), size,
                        elapsed(start), null);
            }
            if (out != null && !overwrite && Files.isRegularFile(out)) {
                return Record.skipped(in.toString(), outName, "output exists (use --overwrite)", size);
            }
            Conversion c = options.toConversion(target);
            long max = c.decodeOptions().limits().maxBytes();
            if (size > max) {
                throw new ImageTooLargeException("the file is " + size + " bytes, over the limit of " + max + " bytes");
            }
            return convertBytes(in.toString(), outName, Files.readAllBytes(in), c, start, out);
        } catch (IOException | RuntimeException e) {
            return Record.error(in.toString(), outName, e, size, elapsed(start), null);
        }
    }

    private Record convertBytes(String inName, String outName, byte[] bytes, Conversion c, long start, Path out) {
        try {
            ConversionResult r = Imbytes.convertDetailed(bytes, c);
            if (out != null) {
                files.write(out, r.bytes(), overwrite);
            }
            return Record.ok(inName, outName, r, bytes.length, elapsed(start));
        } catch (FileAlreadyExistsException e) {
            return Record.skipped(inName, outName, "output exists (use --overwrite)", bytes.length);
        } catch (IOException | RuntimeException e) {
            ImageInfo info = null;
            try {
                info = Imbytes.info(bytes);
            } catch (RuntimeException unreadable) {
                // the error itself says why
            }
            return Record.error(inName, outName, e, bytes.length, elapsed(start), info);
        }
    }

    private static boolean sameFile(Path in, Path out) throws IOException {
        return Files.exists(out) ? Files.isSameFile(in, out)
                : in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize());
    }

    // ------------------------------------------------------------ reporting

    private int report(Record r) {
        emit(r);
        if (r.status == Record.Status.ERROR && !json) {
            io.err().println("imbytes: " + r.input + ": " + r.errorType + ": " + r.errorMessage);
        } else if (r.status == Record.Status.SKIPPED && !json) {
            io.err().println("imbytes: " + r.input + ": skipped, " + r.errorMessage);
        }
        return r.status == Record.Status.ERROR ? Main.FAILED : Main.OK;
    }

    private synchronized void emit(Record r) {
        if (json) {
            io.out().println(r.toJson());
            io.out().flush();
        }
    }

    /** {@code name} with its extension replaced by the target format's (kept when it already is one of its). */
    static String renamed(String name, Format target) {
        if (target == null) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot).toLowerCase(Locale.ROOT) : "";
        return target.extensions().contains(ext) ? name : base + target.extension();
    }

    private static Format formatOfName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            throw new Main.UsageException("cannot tell the output format from \"" + name + "\": give --to FORMAT");
        }
        return usage(() -> Format.fromExtension(name.substring(dot)));
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Counts for the closing line on stderr. */
    static final class Summary {
        int ok;
        int failed;
        int skipped;
        long bytesIn;
        long bytesOut;
        private final long start = System.nanoTime();

        void add(Record r) {
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
}
