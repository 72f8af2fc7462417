package dev.imbytes.cli;

import picocli.CommandLine;

/** Runs {@link BenchCommand} on its own until the CLI's Main registers it: {@code java -cp ... dev.imbytes.cli.BenchMain DIR ...}. */
public final class BenchMain {
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
