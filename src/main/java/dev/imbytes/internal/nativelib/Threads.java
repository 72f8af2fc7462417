package dev.imbytes.internal.nativelib;

import org.opencv.core.Core;

/**
 * The threading rule for callers that run conversions on several threads of their own (the
 * {@code bench} and {@code convert} commands, a Spark executor): <b>with more than one worker
 * thread, OpenCV's own pool is set to one thread.</b>
 *
 * <p>Why: inside one conversion only {@code resize} (and a few colour conversions) use OpenCV's
 * {@code parallel_for_}; decoding and encoding are single-threaded. With N workers already
 * keeping N cores busy, OpenCV's pool only adds hand-offs and contention: its jobs from several
 * callers do not run in parallel with each other (a second caller's loop is serialised), and its
 * threads compete with the workers for the same cores. One worker, on the other hand, gains from
 * OpenCV's threads in the resize of large images, so its default is kept.
 *
 * <p>The library's normal calls never change this process-wide setting; only a caller that owns
 * the process's threading (a command, a job runner) calls {@link #forWorkers(int)}. Measured
 * numbers are in BENCHMARKS.md.
 */
public final class Threads {
    private Threads() {
    }

    /** Restores OpenCV's previous thread count when closed. */
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Applies the rule for {@code workers} worker threads: OpenCV gets one thread when
     * {@code workers > 1}; with one worker its setting is left as it is.
     */
    public static Restore forWorkers(int workers) {
        return withOpenCvThreads(workers > 1 ? 1 : -1);
    }

    /**
     * Sets OpenCV's thread count to {@code n} until closed ({@code n < 0}: leave it unchanged;
     * {@code 0}: OpenCV's own default for this machine).
     */
    public static Restore withOpenCvThreads(int n) {
        NativeLibrary.ensureLoaded();
        int before = Core.getNumThreads();
        if (n >= 0) {
            Core.setNumThreads(n);
        }
        return new Restore() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed && n >= 0) {
                    Core.setNumThreads(before);
                }
                closed = true;
            }
        };
    }
}
