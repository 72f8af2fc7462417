package dev.imbytes.internal.nativelib;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * The single owner of every Mat made during one operation: {@link #close()} releases all of them,
 * on every path including exceptions. A Mat that must outlive the scope is handed out with
 * {@link #detach(Mat)}. Not thread-safe: one scope belongs to one call.
 */
public final class MatScope implements AutoCloseable {
    private final List<Mat> owned = new ArrayList<>(8);

    /** A new empty Mat owned by this scope. */
    public Mat mat() {
        return own(new Mat());
    }

    /** Takes ownership of {@code m}. */
    public <M extends Mat> M own(M m) {
        owned.add(m);
        MatCounter.allocated();
        return m;
    }

    /** Releases {@code m} now, if this scope owns it (for large intermediates in a long pipeline). */
    public void releaseEarly(Mat m) {
        if (removeOwned(m)) {
            m.release();
            MatCounter.released();
        }
    }

    /**
     * Hands {@code m} out of the scope: the scope no longer releases it, and the caller is its single
     * owner (typically an {@link dev.imbytes.ImageMat}, which counts it again).
     */
    public Mat detach(Mat m) {
        if (!removeOwned(m)) {
            throw new IllegalStateException("this scope does not own the Mat it was asked to hand out");
        }
        MatCounter.released();
        return m;
    }

    private boolean removeOwned(Mat m) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            if (owned.get(i) == m) {
                owned.remove(i);
                return true;
            }
        }
        return false;
    }

    /** Releases every Mat still owned, newest first. */
    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).release();
            MatCounter.released();
        }
        owned.clear();
    }
}
