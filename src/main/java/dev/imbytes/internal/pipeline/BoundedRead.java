package dev.imbytes.internal.pipeline;

import dev.imbytes.internal.probe.HeaderProbe;

import dev.imbytes.ImageTooLargeException;
import dev.imbytes.UnsupportedFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Reads a whole input into memory with the byte limit enforced while reading: the one reader
 * behind {@code Imbytes.decode(InputStream, ...)} and every input of the command line (files,
 * devices, FIFOs, standard input).
 *
 * <p>Two rules make a hostile source cheap to refuse. The first {@value #SNIFF_BYTES} bytes are
 * checked against the known magic numbers before anything else is read, so {@code /dev/zero} or
 * a stream of junk is refused after 16 bytes. And no more than {@code maxBytes + 1} bytes are ever
 * held, whatever a file's size claims: devices and FIFOs report size 0 and a growing file may
 * outrun its size, so the size is only used to refuse early and to size the first buffer. A stream
 * is kept in 1 MiB pieces until its end, so refusing one costs the limit once, and accepting one
 * costs its size twice while the pieces are joined.
 */
public final class BoundedRead {
    /** Enough for every signature {@link HeaderProbe#sniff} knows (the longest, JP2's, is 12 bytes). */
    static final int SNIFF_BYTES = 16;
    private static final int FIRST_CAPACITY = 64 * 1024;
    // Past the first buffer a stream is read in pieces of this size.
    private static final int CHUNK = 1 << 20;
    // The largest array the JVM reliably allocates.
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private BoundedRead() {
    }

    /**
     * Reads a file, device or FIFO whole.
     *
     * @throws ImageTooLargeException when it holds more than {@code maxBytes} bytes
     * @throws UnsupportedFormatException when its first bytes are no known image signature
     */
    public static byte[] readFile(Path file, long maxBytes) throws IOException {
        long hint = 0;
        if (Files.isRegularFile(file)) {
            hint = Files.size(file);
            if (hint > maxBytes) { // a regular file this large is refused without reading it
                throw new ImageTooLargeException("the file is " + hint + " bytes, over the limit of " + maxBytes + " bytes");
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, maxBytes, hint, "the file");
        }
    }

    /**
     * The format a file's first bytes announce, or null when they are no known image signature (or
     * the file is empty). Reads at most those first bytes: the command line's folder mode picks its
     * inputs by content with it, through the same signature check as {@link #readFile}.
     */
    public static dev.imbytes.Format sniff(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            return head.length == 0 ? null : HeaderProbe.sniff(ByteBuffer.wrap(head));
        }
    }

    /**
     * Reads a stream to its end (the stream is not closed).
     *
     * @param what names the source in the error message, e.g. "standard input"
     * @throws ImageTooLargeException as soon as more than {@code maxBytes} bytes have arrived
     * @throws UnsupportedFormatException when its first bytes are no known image signature
     */
    public static byte[] readStream(InputStream in, long maxBytes, String what) throws IOException {
        return read(in, maxBytes, 0, what);
    }

    private static byte[] read(InputStream in, long maxBytes, long sizeHint, String what) throws IOException {
        Objects.requireNonNull(in, "in");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        // A regular file's size gives the exact buffer, so it is read without a single copy.
        byte[] first = new byte[(int) Math.min(Math.min(MAX_ARRAY, maxBytes), sizeHint > 0 ? sizeHint : FIRST_CAPACITY)];
        int n = in.readNBytes(first, 0, Math.min(SNIFF_BYTES, first.length));
        if (n > 0 && HeaderProbe.sniff(ByteBuffer.wrap(first, 0, n)) == null) {
            throw new UnsupportedFormatException("unrecognised image format; first bytes: "
                    + HexFormat.ofDelimiter(" ").formatHex(first, 0, n) + " (the rest was not read)");
        }
        n += in.readNBytes(first, n, first.length - n);
        if (n < first.length) {
            return Arrays.copyOf(first, n);
        }
        int next = in.read(); // full: is there more, or did the buffer fit exactly?
        if (next < 0) {
            return first;
        }
        return readChunks(in, first, next, maxBytes, what);
    }

    /**
     * Reads the rest of a stream that outgrew its first buffer into chunks, so that refusing a stream
     * over the limit costs the limit once (no buffer is ever copied into a larger one) and only an
     * accepted stream is joined into one array.
     */
    private static byte[] readChunks(InputStream in, byte[] first, int next, long maxBytes, String what)
            throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        chunks.add(first);
        long total = first.length + 1L;
        byte[] chunk = new byte[CHUNK];
        chunk[0] = (byte) next;
        int filled = 1;
        while (true) {
            if (total > maxBytes) {
                throw tooLarge(what, maxBytes);
            }
            int room = (int) Math.min(chunk.length - filled, maxBytes + 1 - total);
            int r = in.read(chunk, filled, room);
            if (r < 0) {
                break;
            }
            filled += r;
            total += r;
            if (filled == chunk.length) {
                chunks.add(chunk);
                chunk = new byte[CHUNK];
                filled = 0;
            }
        }
        if (total > MAX_ARRAY) {
            throw tooLarge(what, MAX_ARRAY);
        }
        byte[] all = new byte[(int) total];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        System.arraycopy(chunk, 0, all, at, filled);
        return all;
    }

    private static ImageTooLargeException tooLarge(String what, long maxBytes) {
        return new ImageTooLargeException(what + " holds more than the limit of " + maxBytes + " bytes");
    }
}
