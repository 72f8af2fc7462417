package dev.imbytes.cli;

import dev.imbytes.ImageException;
import dev.imbytes.Imbytes;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code imbytes} command: {@code convert}, {@code info} and {@code bench}.
 *
 * <p>Exit codes: 0 every input converted (or skipped), 1 at least one input failed, 2 usage error.
 */
@Command(name = "imbytes", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Convert images in memory through OpenCV: decode, resize, encode.",
        subcommands = {ConvertCommand.class, InfoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code when every input was converted or skipped. */
    public static final int OK = 0;
    /** Exit code when at least one input failed. */
    public static final int FAILED = 1;
    /** Exit code for a usage error. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: convert, info or bench");
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(System.in, System.out, System.err, args));
    }

    /**
     * Runs the command line with the given streams, returning the exit code (tests drive the CLI
     * in-process through this).
     */
    public static int run(InputStream stdin, PrintStream stdout, PrintStream stderr, String... args) {
        Streams streams = new Streams(stdin, stdout, stderr);
        CommandLine cli = commandLine(streams);
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        cli.setParameterExceptionHandler((e, a) -> {
            stderr.println("imbytes: " + oneLine(e.getMessage()) + " (see 'imbytes " + commandName(e) + "--help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            if (e instanceof UsageException || e instanceof IllegalArgumentException) {
                stderr.println("imbytes: " + oneLine(e.getMessage()));
                return USAGE;
            }
            stderr.println("imbytes: " + UserMessages.describe(e));
            return FAILED;
        });
        return cli.execute(args);
    }

    /** The command tree with its subcommands wired to {@code streams} (tests read its options from here). */
    static CommandLine commandLine(Streams streams) {
        return new CommandLine(new Main(), new Factory(streams));
    }

    private static String commandName(CommandLine.ParameterException e) {
        String name = e.getCommandLine().getCommandName();
        return name.equals("imbytes") ? "" : name + " ";
    }

    static String oneLine(String message) {
        if (message == null) {
            return "error";
        }
        int nl = message.indexOf('\n');
        return (nl >= 0 ? message.substring(0, nl) : message).trim();
    }

    /**
     * Runs a parse or check of the command line's values; a bad value ({@link IllegalArgumentException}
     * or {@link ImageException}, e.g. an unknown format) becomes a {@link UsageException}: exit 2.
     */
    static <T> T usage(Callable<T> parse) {
        try {
            return parse.call();
        } catch (IllegalArgumentException | ImageException e) {
            throw new UsageException(e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The path a command-line argument names, which must exist: a missing one is a usage error (exit 2)
     * with one line, {@code "<what> not found: <arg>"}, in every command.
     */
    static Path existing(String arg, String what) {
        decodable(arg);
        Path p = Path.of(arg);
        if (!java.nio.file.Files.exists(p)) {
            throw new UsageException(what + " not found: " + arg);
        }
        return p;
    }

    /**
     * Refuses (exit 2) a command-line name the JVM could not decode: it turned the argument's bytes
     * into a string with the locale's charset, so the original name is lost before we see it.
     * Names found inside a folder are not affected (they are used as bytes).
     */
    static void decodable(String arg) {
        if (arg == null || arg.equals("-")) {
            return;
        }
        try {
            Path.of(arg);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("the name \"" + arg + "\" cannot be decoded in this locale ("
                    + System.getProperty("sun.jnu.encoding") + "); use a UTF-8 locale (e.g. LC_ALL=C.UTF-8)"
                    + " or give its folder as INPUT");
        }
    }

    /** The three standard streams, injectable for in-process tests. */
    record Streams(InputStream in, PrintStream out, PrintStream err) {
        /** What every command says when stdout could not take its output. */
        static final String STDOUT_FAILED = "cannot write to standard output (disk full or pipe closed?)";

        /**
         * {@code code}, or {@link #FAILED} when a write to stdout failed (said on stderr): PrintStream
         * keeps a failed write (full disk, closed pipe) to itself until asked.
         */
        int exitAfterOutput(int code) {
            out.flush();
            if (out.checkError()) {
                err.println("imbytes: " + STDOUT_FAILED);
                return FAILED;
            }
            return code;
        }
    }

    /** A usage error found after parsing (e.g. a bad size or format): exit code 2, one line. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Hands the streams to the subcommands. */
    private static final class Factory implements CommandLine.IFactory {
        private final Streams streams;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(Streams streams) {
            this.streams = streams;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ConvertCommand.class) {
                return type.cast(new ConvertCommand(streams));
            }
            if (type == InfoCommand.class) {
                return type.cast(new InfoCommand(streams));
            }
            if (type == BenchCommand.class) {
                return type.cast(new BenchCommand(streams));
            }
            return fallback.create(type);
        }
    }

    /** {@code --version}: imbytes, OpenCV and the active JPEG codec. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"imbytes " + (v == null ? "(development build)" : v),
                "OpenCV " + Imbytes.openCvVersion() + " (org.openpnp:opencv)",
                "JPEG codec: " + Imbytes.jpegCodec(),
                "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch")};
        }
    }
}
