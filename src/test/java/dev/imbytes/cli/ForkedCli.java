package dev.imbytes.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CLI in a child JVM, run the way a user runs it: real stdin/stdout/stderr, an optional C/POSIX
 * locale, stdout optionally sent to a device such as {@code /dev/full}, and the child's peak memory.
 */
final class ForkedCli {
    /** What a child run gave: exit code, stdout (empty when redirected), stderr without the peak line, peak kB. */
    record Run(int exit, String stdout, String stderr, long peakKb, long millis, long stdinBytesTaken) {
    }

    private boolean posixLocale;
    private File stdout;
    private File stdinFile;
    private InputStream stdinFeed;

    /** Starts the child with LANG and every LC_* removed and LC_ALL=C: the JVM then decodes names as ASCII. */
    ForkedCli posixLocale() {
        this.posixLocale = true;
        return this;
    }

    /** Sends the child's stdout to {@code file} (e.g. /dev/full) instead of capturing it. */
    ForkedCli stdoutTo(File file) {
        this.stdout = file;
        return this;
    }

    /** Connects the child's stdin to {@code file} (e.g. /dev/zero). */
    ForkedCli stdinFrom(File file) {
        this.stdinFile = file;
        return this;
    }

    /** Feeds the child's stdin from {@code feed} until it ends or the child stops reading. */
    ForkedCli stdinFeed(InputStream feed) {
        this.stdinFeed = feed;
        return this;
    }

    /** Runs {@code imbytes args...}; fails the test when it takes more than a minute. */
    Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                PeakCliMain.class.getName()));
        cmd.addAll(Arrays.asList(args));
        Path scratch = Files.createTempDirectory("imbytes-forked");
        File out = scratch.resolve("stdout").toFile();
        File err = scratch.resolve("stderr").toFile();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err).redirectOutput(stdout != null ? stdout : out);
        if (stdinFile != null) {
            pb.redirectInput(stdinFile);
        }
        if (posixLocale) {
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
            env.put("LC_ALL", "C");
        }
        long start = System.nanoTime();
        Process p = pb.start();
        AtomicLong fed = new AtomicLong();
        Thread feeder = new Thread(() -> feed(p.getOutputStream(), fed), "stdin-feeder");
        feeder.start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!finished) {
            p.destroyForcibly();
        }
        feeder.join(10_000);
        String stdoutText = out.exists() ? Files.readString(out.toPath(), StandardCharsets.UTF_8) : "";
        String stderrText = Files.readString(err.toPath(), StandardCharsets.UTF_8);
        Files.deleteIfExists(out.toPath());
        Files.deleteIfExists(err.toPath());
        Files.delete(scratch);
        if (!finished) {
            throw new AssertionError("imbytes " + String.join(" ", args) + " did not finish in 60 s: " + stderrText);
        }
        return parse(p.exitValue(), stdoutText, stderrText, millis, fed.get());
    }

    private void feed(OutputStream stdin, AtomicLong fed) {
        try (stdin) {
            if (stdinFeed == null) {
                return;
            }
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = stdinFeed.read(buf)) > 0; ) {
                stdin.write(buf, 0, n);
                fed.addAndGet(n);
            }
        } catch (IOException childStoppedReading) {
            // a closed pipe is the child refusing the rest: what it took is in fed
        }
    }

    private static Run parse(int exit, String out, String err, long millis, long fed) {
        long peak = -1;
        StringBuilder rest = new StringBuilder();
        for (String line : err.split("\n")) {
            if (line.startsWith(PeakCliMain.PEAK)) {
                peak = Long.parseLong(line.substring(PeakCliMain.PEAK.length()).trim());
            } else if (!line.isEmpty()) {
                rest.append(line).append('\n');
            }
        }
        return new Run(exit, out, rest.toString(), peak, millis, fed);
    }
}
