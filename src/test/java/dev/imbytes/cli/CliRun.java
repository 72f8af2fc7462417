package dev.imbytes.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Drives the CLI in-process and captures what it prints. */
record CliRun(int exit, byte[] stdout, String stderr) {

    static CliRun run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new ByteArrayInputStream(stdin), new PrintStream(out, true), new PrintStream(err, true), args);
        return new CliRun(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static CliRun run(String... args) {
        return run(new byte[0], args);
    }

    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
