package dev.imbytes.internal.codec;

import dev.imbytes.CorruptImageException;
import dev.imbytes.internal.probe.WebpProbe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Still WebP files that OpenCV 4.9's decoder takes, made from the WebPs it refuses. OpenCV asserts
 * (and prints the assertion) on an animated file, and fails on a file shorter than its fixed
 * header read; libwebp itself reads both. The probe has walked and bounded every chunk first.
 */
final class WebpStill {
    private WebpStill() {
    }

    /**
     * The first frame of an animated WebP as a still file, and where it goes on the canvas.
     *
     * @param still  a RIFF WebP of the frame alone (VP8X + ALPH + VP8 when the frame has alpha data)
     * @param x      left edge on the canvas
     * @param y      top edge on the canvas
     * @param width  the frame's width
     * @param height the frame's height
     */
    record Frame(ByteBuffer still, int x, int y, int width, int height) {
    }

    /** {@code webp} padded with zeros to OpenCV's header size; libwebp stops at the RIFF size. */
    static ByteBuffer padded(ByteBuffer webp) {
        ByteBuffer out = ByteBuffer.allocate(Math.max(webp.remaining(), WebpProbe.OPENCV_MIN_BYTES));
        out.put(webp.duplicate());
        return out.clear();
    }

    /** The first ANMF frame of an animated WebP whose canvas is {@code canvasWidth} × {@code canvasHeight}. */
    static Frame firstFrame(ByteBuffer webp, int canvasWidth, int canvasHeight) {
        ByteBuffer in = webp.slice().order(ByteOrder.LITTLE_ENDIAN);
        long end = Math.min(in.limit(), (in.getInt(4) & 0xFFFFFFFFL) + 8);
        long p = 12;
        while (p + 8 <= end) {
            long size = in.getInt((int) p + 4) & 0xFFFFFFFFL;
            if (fourCc(in, p).equals("ANMF")) {
                return frame(in, p + 8, Math.min(size, end - p - 8), canvasWidth, canvasHeight);
            }
            p += 8 + size + (size & 1);
        }
        throw new CorruptImageException("this animated WebP (" + canvasWidth + "x" + canvasHeight + ") has no frame");
    }

    private static Frame frame(ByteBuffer in, long start, long size, int canvasWidth, int canvasHeight) {
        if (size < 16 + 8) {
            throw corrupt("its first frame is cut short", canvasWidth, canvasHeight);
        }
        int s = (int) start;
        int x = u24(in, s) * 2;
        int y = u24(in, s + 3) * 2;
        int w = u24(in, s + 6) + 1;
        int h = u24(in, s + 9) + 1;
        if ((long) x + w > canvasWidth || (long) y + h > canvasHeight) {
            throw corrupt("its first frame (" + w + "x" + h + " at " + x + "," + y + ") leaves the canvas",
                    canvasWidth, canvasHeight);
        }
        // The frame's chunks: optional ALPH, then VP8 or VP8L (unknown chunks are skipped, as libwebp does).
        ByteBuffer alph = null;
        ByteBuffer image = null;
        long p = start + 16;
        long end = start + size;
        while (p + 8 <= end && image == null) {
            long cs = in.getInt((int) p + 4) & 0xFFFFFFFFL;
            if (p + 8 + cs > end) {
                throw corrupt("its first frame's data is cut short", canvasWidth, canvasHeight);
            }
            String cc = fourCc(in, p);
            ByteBuffer chunk = in.slice((int) p, (int) (8 + cs));
            if (cc.equals("ALPH")) {
                alph = chunk;
            } else if (cc.equals("VP8 ") || cc.equals("VP8L")) {
                image = chunk;
            }
            p += 8 + cs + (cs & 1);
        }
        if (image == null) {
            throw corrupt("its first frame has no image data", canvasWidth, canvasHeight);
        }
        return new Frame(container(alph, image, w, h), x, y, w, h);
    }

    /** RIFF + (VP8X + ALPH when there is alpha data) + the image chunk. */
    private static ByteBuffer container(ByteBuffer alph, ByteBuffer image, int w, int h) {
        int vp8x = alph == null ? 0 : 18;
        int body = 4 + vp8x + (alph == null ? 0 : padded(alph.remaining())) + padded(image.remaining());
        ByteBuffer out = ByteBuffer.allocate(Math.max(8 + body, WebpProbe.OPENCV_MIN_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII));
        if (alph != null) {
            out.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0x10)
                    .put((byte) 0).put((byte) 0).put((byte) 0);
            putU24(out, w - 1);
            putU24(out, h - 1);
            putChunk(out, alph);
        }
        putChunk(out, image);
        return out.clear();
    }

    /** A chunk's length with the pad byte RIFF adds after an odd-sized payload. */
    private static int padded(int chunkLength) {
        return chunkLength + (chunkLength & 1);
    }

    private static void putChunk(ByteBuffer out, ByteBuffer chunk) {
        out.put(chunk.duplicate());
        if ((chunk.remaining() & 1) != 0) {
            out.put((byte) 0);
        }
    }

    private static CorruptImageException corrupt(String what, int w, int h) {
        return new CorruptImageException("this animated WebP (" + w + "x" + h + ") is damaged: " + what);
    }

    private static String fourCc(ByteBuffer in, long p) {
        byte[] b = new byte[4];
        in.get((int) p, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static int u24(ByteBuffer in, int p) {
        return (in.get(p) & 0xFF) | (in.get(p + 1) & 0xFF) << 8 | (in.get(p + 2) & 0xFF) << 16;
    }

    private static void putU24(ByteBuffer out, int v) {
        out.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
    }
}
