package dev.imbytes.cli;

import dev.imbytes.cli.files.AtomicFiles;
import dev.imbytes.cli.files.FileNames;
import dev.imbytes.cli.files.InputList;
import dev.imbytes.cli.files.OutputPlan;
import dev.imbytes.cli.files.OutputConflictException;
import dev.imbytes.Conversion;
import dev.imbytes.ConversionResult;
import dev.imbytes.ConversionSpec;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.ImageInfo;
import dev.imbytes.Imbytes;
import dev.imbytes.internal.pipeline.BoundedRead;
import dev.imbytes.internal.spec.FlagHints;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code imbytes convert}: a file, a folder (recursively, in parallel) or stdin. */
@Command(name = "convert", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Convert a file, a folder (recursively, in parallel) or stdin ('-').",
            "Folder mode converts every file that is an image by content (or by name), records the others as "
                + "skipped, and mirrors the tree under OUTPUT."},
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
    private boolean stdoutFailed;

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
        Main.decodable(input);
        Main.decodable(output);
        ConversionSpec spec = Main.usage(options::toSpec); // bad values: exit 2 before any work
        Format requested = spec.format().orElse(null);
        if (threads != null && threads < 1) {
            throw new Main.UsageException("--threads must be at least 1, was " + threads);
        }
        if (input.equals("-")) {
            String out = output == null ? "-" : output;
            return stdin(out, conversion(spec, out.equals("-") ? null : Path.of(out)));
        }
        Path in = Main.existing(input, "input");
        if (Files.isDirectory(in)) {
            return folder(in, requested, writable(requested, Main.usage(() -> requested == null ? spec.toConversion() : spec.toConversion(requested))));
        }
        Path out = singleOutput(in, requested);
        if (out != null && sameFile(in, out)) {
            throw new Main.UsageException("the output " + FileNames.display(out) + " is the input file; refusing to "
                    + "overwrite an input (give another -o or --to)");
        }
        return single(in, out, conversion(spec, out));
    }

    /**
     * The one conversion for a target: the format from {@code --to}, else from the output file's
     * extension ({@code out} null: stdout, the input's own format).
     */
    private static Conversion conversion(ConversionSpec spec, Path out) {
        Format target = spec.format().orElseGet(() -> out == null ? null : formatOfName(out));
        return writable(target, Main.usage(() -> target == null ? spec.toConversion() : spec.toConversion(target)));
    }

    /** {@code c}, once the command line can write its {@code target} at all (else a usage error, before any work). */
    private static Conversion writable(Format target, Conversion c) {
        String why = target == null ? null : FlagHints.unwritable(target);
        if (why != null) {
            throw new Main.UsageException("--to " + FlagHints.word(target) + ": " + why);
        }
        return c;
    }

    // ------------------------------------------------------------ stdin → stdout or a file

    private int stdin(String out, Conversion c) throws IOException {
        long start = System.nanoTime();
        byte[] bytes;
        try {
            bytes = BoundedRead.readStream(io.in(), c.decodeOptions().limits().maxBytes(), "standard input");
        } catch (IOException | ImageException e) {
            return report(Outcome.error("-", out, e, -1, elapsed(start), null));
        }
        Outcome r = convertBytes("-", out, bytes, c, start, out.equals("-") ? null : Path.of(out));
        return report(out.equals("-") ? toStdout(r) : r);
    }

    /** Writes an ok record's image to stdout; a write that fails turns the record into an error. */
    private synchronized Outcome toStdout(Outcome r) {
        if (r.status != Outcome.Status.OK) {
            return r;
        }
        byte[] image = r.result.bytes();
        io.out().write(image, 0, image.length);
        if (io.out().checkError()) { // PrintStream keeps write errors to itself until asked
            stdoutFailed = true; // this record says so; no second line
            return Outcome.error(r.input, r.output, new IOException(Main.Streams.STDOUT_FAILED), r.bytesIn, r.millis, null);
        }
        return r;
    }

    // ------------------------------------------------------------ one file

    private int single(Path in, Path out, Conversion c) {
        if (out == null) {
            return report(toStdout(convertFile(in, null, c)));
        }
        return report(convertFile(in, out, c));
    }

    /** Where a single file goes: null means stdout. */
    private Path singleOutput(Path in, Format requested) {
        if (output != null && output.equals("-")) {
            return null;
        }
        if (output != null) {
            Path o = Path.of(output);
            if (Files.isDirectory(o) || output.endsWith("/")) {
                return FileNames.child(o, OutputPlan.renamed(FileNames.rawName(in), requested));
            }
            return o;
        }
        if (requested == null) {
            throw new Main.UsageException("give -o OUTPUT (a file, a folder or -) or --to FORMAT");
        }
        return FileNames.sibling(in, OutputPlan.renamed(FileNames.rawName(in), requested));
    }

    // ------------------------------------------------------------ a folder, in parallel

    private int folder(Path inRoot, Format requested, Conversion c) throws Exception {
        if (output == null || output.equals("-")) {
            throw new Main.UsageException("a folder input needs -o OUTPUT_FOLDER");
        }
        Path outRoot = Path.of(output);
        if (Files.exists(outRoot) && !Files.isDirectory(outRoot)) {
            throw new Main.UsageException("output " + output + " exists and is not a folder");
        }
        AtomicFiles.cleanStale(outRoot);
        // listed once, before any output exists; every entry gets a record, the skipped ones too
        List<InputList.Entry> entries = InputList.entries(inRoot, outRoot);
        List<Path> inputs = entries.stream().filter(InputList.Entry::isInput).map(InputList.Entry::file).toList();
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Map<Path, OutputPlan.Planned> plan = OutputPlan.plan(inRoot, outRoot, inputs, requested);
        List<Callable<Outcome>> tasks = new ArrayList<>();
        for (InputList.Entry e : entries) {
            Path in = e.file();
            OutputPlan.Planned p = plan.get(in);
            tasks.add(() -> !e.isInput() ? Outcome.skipped(FileNames.display(in), null, e.skipReason(), 0)
                    : p.refusal() == null ? convertFile(in, p.output(), c)
                    : Outcome.error(FileNames.display(in), FileNames.display(p.output()),
                            new OutputConflictException(p.refusal()), -1, 0, null));
        }
        Summary summary = new Summary();
        Progress progress = new Progress(io.err(), entries.size(), progressBar);
        boolean cancelled = ParallelBatch.run(tasks, n, files, r -> {
            summary.add(r);
            emit(r);
            if (r.status == Outcome.Status.ERROR) {
                progress.println(r.stderrLine()); // each failure named, JSON or not; the summary comes last
            }
            r.warningLines().forEach(progress::println);
            progress.update(summary.ok + summary.failed + summary.skipped);
        }, interrupted -> {
            progress.finish();
            io.err().println(summary.line(interrupted, entries.size()));
        });
        return summary.failed > 0 || cancelled || stdoutFailed() ? Main.FAILED : Main.OK;
    }

    // ------------------------------------------------------------ the work for one input

    private Outcome convertFile(Path in, Path out, Conversion c) {
        long start = System.nanoTime();
        String inName = FileNames.display(in);
        String outName = out == null ? "-" : FileNames.display(out);
        long size = -1;
        try {
            size = Files.isRegularFile(in) ? Files.size(in) : -1; // a device or FIFO has no size to report
            if (out != null && sameFile(in, out)) { // folder mode: a link to an input (one file has no plan)
                return Outcome.error(inName, outName,
                        new OutputConflictException("output is the input file; refusing to overwrite an input"), size,
                        elapsed(start), null);
            }
            if (out != null && !overwrite && Files.isRegularFile(out)) {
                return Outcome.skipped(inName, outName, "output exists (use --overwrite)", size);
            }
            byte[] bytes = BoundedRead.readFile(in, c.decodeOptions().limits().maxBytes());
            return convertBytes(inName, outName, bytes, c, start, out);
        } catch (IOException | RuntimeException e) {
            return Outcome.error(inName, outName, e, size, elapsed(start), null);
        }
    }

    private Outcome convertBytes(String inName, String outName, byte[] bytes, Conversion c, long start, Path out) {
        try {
            ConversionResult r = Imbytes.convertDetailed(bytes, c);
            if (out != null) {
                files.write(out, r.bytes(), overwrite);
            }
            return Outcome.ok(inName, outName, r, bytes.length, elapsed(start));
        } catch (FileAlreadyExistsException e) {
            return Outcome.skipped(inName, outName, "output exists (use --overwrite)", bytes.length);
        } catch (IOException | RuntimeException e) {
            ImageInfo info = UserMessages.headerOf(e);
            return Outcome.error(inName, outName, e, UserMessages.explain(e, info, c), bytes.length, elapsed(start), info);
        }
    }

    private static boolean sameFile(Path in, Path out) throws IOException {
        return Files.exists(out) ? Files.isSameFile(in, out)
                : in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize());
    }

    // ------------------------------------------------------------ reporting

    private int report(Outcome r) {
        emit(r);
        if (r.status == Outcome.Status.ERROR || r.status == Outcome.Status.SKIPPED && !json) {
            io.err().println(r.stderrLine()); // a failure is named on stderr, JSON or not
        }
        r.warningLines().forEach(io.err()::println);
        return r.status == Outcome.Status.ERROR || stdoutFailed() ? Main.FAILED : Main.OK;
    }

    private synchronized void emit(Outcome r) {
        if (json) {
            io.out().println(r.toJson()); // ASCII only (Outcome escapes the rest), so the locale cannot garble it
            io.out().flush();
        }
        stdoutFailed();
    }

    /**
     * Whether a write to stdout has failed (a full disk, a closed pipe); says so on stderr once.
     * PrintStream never throws, so this is how a lost record or image becomes a non-zero exit.
     */
    private synchronized boolean stdoutFailed() {
        if (!stdoutFailed && io.out().checkError()) {
            stdoutFailed = true;
            io.err().println("imbytes: " + Main.Streams.STDOUT_FAILED);
        }
        return stdoutFailed;
    }

    private static Format formatOfName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            throw new Main.UsageException("cannot tell the output format from \"" + name + "\": give --to FORMAT");
        }
        return Main.usage(() -> Format.fromExtension(name.substring(dot)));
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
