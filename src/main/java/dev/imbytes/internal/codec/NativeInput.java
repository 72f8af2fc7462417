package dev.imbytes.internal.codec;

import java.nio.ByteBuffer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Puts encoded input where {@code imdecode} can read it, with as few copies as the API allows. */
final class NativeInput {
    private NativeInput() {
    }

    /**
     * A 1×N {@code CV_8UC1} Mat over the bytes from position to limit. A direct buffer is shared
     * without a copy (the caller keeps it alive while the Mat is used); a heap buffer is copied once.
     */
    static Mat wrap(ByteBuffer input) {
        ByteBuffer view = input.slice();
        int n = view.remaining();
        if (view.isDirect()) {
            return new Mat(1, n, CvType.CV_8UC1, view);
        }
        Mat m = new Mat(1, n, CvType.CV_8UC1);
        if (view.hasArray()) {
            m.put(0, 0, view.array(), view.arrayOffset(), n);
        } else {
            byte[] copy = new byte[n];
            view.get(copy);
            m.put(0, 0, copy);
        }
        return m;
    }
}
