package dev.imbytes.internal;

import dev.imbytes.ImageTooLargeException;
import dev.imbytes.UnsupportedFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Reads a whole input into memory with the byte limit enforced while reading: the one reader
 * behind {@code Imbytes.decode(InputStream, ...)} and every input of the command line (files,
 * devices, FIFOs, standard input).
 *
 * <p>Two rules make a hostile source cheap to refuse. The first {@value #SNIFF_BYTES} bytes are
 * checked against the known magic numbers before anything else is read, so {@code /dev/zero} or
 * a stream of junk is refused after 16 bytes. And the buffer never grows past {@code maxBytes + 1}
 * bytes, whatever a file's size claims: devices and FIFOs report size 0 and a growing file may
 * outrun its size, so the size is only used to refuse early and to pick the first buffer size.
 */
public final class BoundedRead {
    /** Enough for every signature {@link HeaderProbe#sniff} knows (the longest, JP2's, is 12 bytes). */
    static final int SNIFF_BYTES = 16;
    private static final int FIRST_CAPACITY = 64 * 1024;
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
        // One byte past the limit proves the input is too large; never allocate more than that.
        int cap = (int) Math.min(MAX_ARRAY, maxBytes + 1);
        // A regular file's size gives the exact buffer, so it is read without a single copy.
        byte[] buf = new byte[(int) Math.min(cap, sizeHint > 0 ? sizeHint : FIRST_CAPACITY)];
        int n = in.readNBytes(buf, 0, Math.min(SNIFF_BYTES, buf.length));
        if (n > 0 && HeaderProbe.sniff(ByteBuffer.wrap(buf, 0, n)) == null) {
            throw new UnsupportedFormatException("unrecognised image format; first bytes: "
                    + HexFormat.ofDelimiter(" ").formatHex(buf, 0, n) + " (the rest was not read)");
        }
        while (true) {
            if (n == buf.length) {
                if (n > maxBytes) {
                    throw tooLarge(what, maxBytes);
                }
                int next = in.read(); // full: is there more, or did the buffer fit exactly?
                if (next < 0) {
                    return buf;
                }
                if (buf.length >= cap) { // only when the limit is beyond the largest array
                    throw tooLarge(what, maxBytes);
                }
                buf = Arrays.copyOf(buf, (int) Math.min(cap, Math.max(SNIFF_BYTES, 2L * buf.length)));
                buf[n++] = (byte) next;
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return Arrays.copyOf(buf, n);
    }

    private static ImageTooLargeException tooLarge(String what, long maxBytes) {
        return new ImageTooLargeException(what + " holds more than the limit of " + maxBytes + " bytes");
    }
}
