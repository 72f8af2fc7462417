package dev.imbytes;

/** Argument checks shared by the option types, so every message names the option and its range. */
final class Check {
    private Check() {
    }

    static void range(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be in " + min + ".." + max + ", was " + value);
        }
    }

    static void rangeOrUnset(String option, int value, int min, int max) {
        if (value != -1 && (value < min || value > max)) {
            throw new IllegalArgumentException(option + " must be in " + min + ".." + max
                    + " (or -1 for unset), was " + value);
        }
    }

    static void positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, was " + value);
        }
    }
}
