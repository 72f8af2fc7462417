package dev.imbytes;

/** Argument checks shared by the option types, so every message names the option and its range. */
final class Check {
    private Check() {
    }

    /** {@code value}, when it lies in {@code min..max}; else an exception naming the option and its range. */
    static int range(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    static void positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, was " + value);
        }
    }
}
