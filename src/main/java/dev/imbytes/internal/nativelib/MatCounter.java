package dev.imbytes.internal.nativelib;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A debug count of the Mats imbytes made and has not yet released (or handed to a caller through
 * {@link dev.imbytes.ImageMat#detach()}). Tests and the soak check assert it returns to zero; it is
 * diagnostic only and never changes behaviour.
 */
public final class MatCounter {
    private static final AtomicLong LIVE = new AtomicLong();

    private MatCounter() {
    }

    /** Counts one Mat made. */
    public static void allocated() {
        LIVE.incrementAndGet();
    }

    /** Counts one Mat released or handed over. */
    public static void released() {
        LIVE.decrementAndGet();
    }

    /** Mats made by imbytes and not yet released or handed over. */
    public static long live() {
        return LIVE.get();
    }
}
