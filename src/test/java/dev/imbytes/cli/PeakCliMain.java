package dev.imbytes.cli;

import dev.imbytes.hostile.Hostile;

/**
 * The command line exactly as {@link Main#main} runs it, in a child JVM, plus one last stderr line
 * with the process's peak resident memory (VmHWM), written when the JVM exits.
 */
public final class PeakCliMain {
    /** The last stderr line starts with this, followed by the peak in kB. */
    public static final String PEAK = "imbytes-test-peak-kB=";

    private PeakCliMain() {
    }

    /** Runs {@code imbytes args...}. */
    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println(PEAK + Hostile.procStatusKb("VmHWM"))));
        Main.main(args);
    }
}
