package dev.imbytes.internal.probe;

import java.nio.ByteBuffer;

/**
 * A bounds-checked, read-only view of an image's bytes, for reading headers. Offsets are relative to the
 * view's start and taken as {@code long} so that offset arithmetic on hostile values cannot
 * overflow; every read is checked against the view's length and fails with {@link OutOfData}.
 * Only absolute gets are used, so the underlying buffer's position is never changed.
 */
public final class ByteReader {

    /** Thrown when a read would go past the end of the view (or before its start). */
    public static final class OutOfData extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long offset;

        /** Data needed at {@code offset} is missing. */
        public OutOfData(long offset) {
            super("needed byte at offset " + offset, null, false, false);
            this.offset = offset;
        }
    }

    private final ByteBuffer buf;
    /** {@code buf} read little-endian, for {@link #nextFF}: the first byte in memory is the lowest of a word. */
    private final ByteBuffer words;
    private final int base;
    private final int len;

    /** The bytes of {@code buf} from its position to its limit. */
    public ByteReader(ByteBuffer buf) {
        this(buf, buf.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN), buf.position(), buf.limit() - buf.position());
    }

    /** A slice shares its parent's buffers: the probe makes many, and only offsets differ. */
    private ByteReader(ByteBuffer buf, ByteBuffer words, int base, int len) {
        this.buf = buf;
        this.words = words;
        this.base = base;
        this.len = Math.max(0, len);
    }

    /** The whole of {@code bytes}. */
    public static ByteReader of(byte[] bytes) {
        return new ByteReader(ByteBuffer.wrap(bytes));
    }

    /** The number of bytes in the view. */
    public int length() {
        return len;
    }

    /** Whether {@code n} bytes starting at {@code off} lie inside the view. */
    public boolean has(long off, long n) {
        return off >= 0 && n >= 0 && off <= len && n <= len - off;
    }

    /** A sub-view of {@code n} bytes at {@code off}, clamped to this view's end. */
    public ByteReader slice(long off, long n) {
        if (off < 0 || off > len) {
            throw new OutOfData(off);
        }
        long avail = len - off;
        int m = (int) Math.max(0, Math.min(n, avail));
        return new ByteReader(buf, words, base + (int) off, m);
    }

    private void check(long off, int n) {
        if (!has(off, n)) {
            throw new OutOfData(off < 0 ? off : Math.max(off, len));
        }
    }

    /** The unsigned byte at {@code off}. */
    public int u8(long off) {
        check(off, 1);
        return buf.get(base + (int) off) & 0xFF;
    }

    /** The unsigned big-endian 16-bit value at {@code off}. */
    public int u16be(long off) {
        check(off, 2);
        int p = base + (int) off;
        return (buf.get(p) & 0xFF) << 8 | (buf.get(p + 1) & 0xFF);
    }

    /** The unsigned little-endian 16-bit value at {@code off}. */
    public int u16le(long off) {
        check(off, 2);
        int p = base + (int) off;
        return (buf.get(p + 1) & 0xFF) << 8 | (buf.get(p) & 0xFF);
    }

    /** The unsigned little-endian 24-bit value at {@code off}. */
    public int u24le(long off) {
        check(off, 3);
        int p = base + (int) off;
        return (buf.get(p + 2) & 0xFF) << 16 | (buf.get(p + 1) & 0xFF) << 8 | (buf.get(p) & 0xFF);
    }

    /** The unsigned big-endian 32-bit value at {@code off}. */
    public long u32be(long off) {
        check(off, 4);
        return (long) u16be(off) << 16 | u16be(off + 2);
    }

    /** The unsigned little-endian 32-bit value at {@code off}. */
    public long u32le(long off) {
        check(off, 4);
        return (long) u16le(off + 2) << 16 | u16le(off);
    }

    /** An unsigned 64-bit value, saturated at {@link Long#MAX_VALUE}. */
    public long u64be(long off) {
        check(off, 8);
        long hi = u32be(off);
        long lo = u32be(off + 4);
        return hi >= 0x80000000L ? Long.MAX_VALUE : hi << 32 | lo;
    }

    /** An unsigned 64-bit value, saturated at {@link Long#MAX_VALUE}. */
    public long u64le(long off) {
        check(off, 8);
        long lo = u32le(off);
        long hi = u32le(off + 4);
        return hi >= 0x80000000L ? Long.MAX_VALUE : hi << 32 | lo;
    }

    /** The signed little-endian 32-bit value at {@code off}. */
    public int s32le(long off) {
        return (int) u32le(off);
    }

    /**
     * The four-character code at {@code off} (a RIFF, PNG or JPEG 2000 chunk or box type), one
     * character per byte (ISO-8859-1), so it compares equal to the ASCII name it should be.
     */
    public String fourCc(long off) {
        check(off, 4);
        return new String(new char[] {(char) u8(off), (char) u8(off + 1), (char) u8(off + 2), (char) u8(off + 3)});
    }

    /** Whether the ASCII string {@code s} is at {@code off} (false when it would not fit). */
    public boolean startsWith(long off, String s) {
        if (!has(off, s.length())) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (u8(off + i) != (s.charAt(i) & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the given bytes are at {@code off} (false when they would not fit). */
    public boolean startsWith(long off, int... bytes) {
        if (!has(off, bytes.length)) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (u8(off + i) != (bytes[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The offset of the first 0xFF byte at or after {@code from}, or {@link #length()} when there is
     * none. Eight bytes are tested at a time because JPEG entropy-coded data, which is most of a
     * JPEG file, is walked this way on every strict decode.
     */
    public long nextFF(long from) {
        long i = Math.max(0, from);
        while (i + 8 <= len) {
            long inverted = ~words.getLong(base + (int) i); // an 0xFF byte becomes 0x00
            long zeros = (inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L;
            if (zeros != 0) {
                // Little-endian: the lowest set bit marks the first 0xFF (a borrow can only mark bytes after it).
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
            i += 8;
        }
        while (i < len && buf.get(base + (int) i) != (byte) 0xFF) {
            i++;
        }
        return Math.min(i, len);
    }

    /** Copies {@code n} bytes at {@code off}; the caller bounds {@code n} (it must fit in the view). */
    public byte[] copy(long off, int n) {
        check(off, n);
        byte[] out = new byte[n];
        buf.get(base + (int) off, out);
        return out;
    }

    /** A duplicate of the underlying buffer with position/limit set to the given range (for CRC32). */
    public ByteBuffer window(long off, int n) {
        check(off, n);
        ByteBuffer d = buf.duplicate();
        d.limit(base + (int) off + n);
        d.position(base + (int) off);
        return d;
    }

    /** Up to {@code max} leading bytes in hex, for messages. */
    public String hexPrefix(int max) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(max, len);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", u8(i)));
        }
        return sb.toString();
    }
}
