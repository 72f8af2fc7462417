package dev.imbytes.internal.probe.tiff;

import dev.imbytes.internal.probe.ByteReader;

/**
 * Reading one TIFF image file directory (IFD): used for TIFF files themselves and for EXIF
 * blocks (which are a TIFF header plus IFDs). Classic TIFF and BigTIFF are both read.
 * Offsets inside the structure are relative to the TIFF header, i.e. to the start of the
 * given {@link ByteReader}.
 */
public final class Tiff {

    static final int TAG_WIDTH = 256;
    static final int TAG_HEIGHT = 257;
    static final int TAG_BITS_PER_SAMPLE = 258;
    static final int TAG_PHOTOMETRIC = 262;
    static final int TAG_ORIENTATION = 274;
    static final int TAG_SAMPLES_PER_PIXEL = 277;
    static final int TAG_COMPRESSION = 259;
    static final int TAG_STRIP_OFFSETS = 273;
    static final int TAG_ROWS_PER_STRIP = 278;
    static final int TAG_STRIP_BYTE_COUNTS = 279;
    static final int TAG_PLANAR_CONFIG = 284;
    static final int TAG_TILE_WIDTH = 322;
    static final int TAG_TILE_LENGTH = 323;
    static final int TAG_TILE_OFFSETS = 324;
    static final int TAG_TILE_BYTE_COUNTS = 325;

    /** An integer array field of an IFD entry: {@code count} values of {@code size} bytes at {@code at}. */
    record Field(int type, int size, long count, long at) {
    }

    /** No more entries are read from one IFD than this, whatever its count says. */
    private static final int MAX_ENTRIES = 4096;

    private final ByteReader s;
    private final boolean little;
    private final boolean big;
    private final long ifd0;

    private Tiff(ByteReader s, boolean little, boolean big, long ifd0) {
        this.s = s;
        this.little = little;
        this.big = big;
        this.ifd0 = ifd0;
    }

    /**
     * The TIFF structure at the start of {@code s}, or null when there is no valid TIFF header.
     * @throws ByteReader.OutOfData when the header itself is cut short
     */
    static Tiff open(ByteReader s) {
        int b0 = s.u8(0);
        int b1 = s.u8(1);
        boolean little;
        if (b0 == 'I' && b1 == 'I') {
            little = true;
        } else if (b0 == 'M' && b1 == 'M') {
            little = false;
        } else {
            return null;
        }
        int magic = little ? s.u16le(2) : s.u16be(2);
        if (magic == 42) {
            long off = little ? s.u32le(4) : s.u32be(4);
            return new Tiff(s, little, false, off);
        }
        if (magic == 43) {
            int byteSize = little ? s.u16le(4) : s.u16be(4);
            if (byteSize != 8) {
                return null;
            }
            long off = little ? s.u64le(8) : s.u64be(8);
            return new Tiff(s, little, true, off);
        }
        return null;
    }

    long firstIfd() {
        return ifd0;
    }

    private int u16(long off) {
        return little ? s.u16le(off) : s.u16be(off);
    }

    private long u32(long off) {
        return little ? s.u32le(off) : s.u32be(off);
    }

    private long u64(long off) {
        return little ? s.u64le(off) : s.u64be(off);
    }

    private static int typeSize(int type) {
        switch (type) {
            case 1: case 2: case 6: case 7: return 1;
            case 3: case 8: return 2;
            case 4: case 9: case 11: case 13: return 4;
            case 5: case 10: case 12: case 16: case 17: case 18: return 8;
            default: return 0;
        }
    }

    /**
     * The offsets of the entries of the IFD at {@code ifdOffset} that lie wholly inside the data,
     * in order, at most {@code MAX_ENTRIES}: an IFD cut short yields the entries before the cut.
     */
    private long[] entries(long ifdOffset) {
        long count = big ? u64(ifdOffset) : u16(ifdOffset);
        long first = ifdOffset + (big ? 8 : 2);
        int entrySize = big ? 20 : 12;
        int n = (int) Math.max(0, Math.min(count, MAX_ENTRIES)); // a hostile u64 count may read negative
        long[] offsets = new long[n];
        int whole = 0;
        while (whole < n && s.has(first + (long) whole * entrySize, entrySize)) {
            offsets[whole] = first + (long) whole * entrySize;
            whole++;
        }
        return whole == n ? offsets : java.util.Arrays.copyOf(offsets, whole);
    }

    /**
     * Reads the first value of each wanted tag in the IFD at {@code ifdOffset}. {@code tags}
     * lists the tags; the result holds each one's first value, or -1 when absent or unreadable.
     * An IFD cut short yields what was read before the cut.
     *
     * @throws ByteReader.OutOfData when even the IFD's entry count cannot be read
     */
    long[] read(long ifdOffset, int... tags) {
        long[] out = new long[tags.length];
        java.util.Arrays.fill(out, -1);
        for (long e : entries(ifdOffset)) {
            int tag = u16(e);
            for (int t = 0; t < tags.length; t++) {
                if (tags[t] == tag && out[t] < 0) {
                    out[t] = firstValue(e);
                }
            }
        }
        return out;
    }

    /**
     * The integer array of {@code tag} in the IFD at {@code ifdOffset} (BYTE, SHORT, LONG or LONG8
     * values), or null when the tag is absent or not such an array. The values are not read here
     * and may lie outside the data: see {@link #value}.
     */
    Field field(long ifdOffset, int tag) {
        for (long e : entries(ifdOffset)) {
            if (u16(e) != tag) {
                continue;
            }
            int type = u16(e + 2);
            if (type != 1 && type != 3 && type != 4 && type != 16) {
                return null;
            }
            int size = typeSize(type);
            long values = big ? u64(e + 4) : u32(e + 4);
            long field = e + (big ? 12 : 8);
            int inline = big ? 8 : 4;
            if (values < 0) {
                return null;
            }
            long at = values <= inline / size ? field : big ? u64(field) : u32(field);
            return new Field(type, size, values, at);
        }
        return null;
    }

    /**
     * Whether the IFD at {@code ifdOffset} is whole: its entry table, the next-IFD offset and every
     * value stored outside the table lie inside the data. Null when whole, else what is cut off.
     */
    String entriesDefect(long ifdOffset) {
        long count = big ? u64(ifdOffset) : u16(ifdOffset);
        long first = ifdOffset + (big ? 8 : 2);
        int entrySize = big ? 20 : 12;
        if (count > MAX_ENTRIES || !s.has(first, count * entrySize + (big ? 8 : 4))) {
            return "truncated inside the first IFD (" + count + " entries at offset " + ifdOffset + ")";
        }
        int inline = big ? 8 : 4;
        for (long i = 0; i < count; i++) {
            long e = first + i * entrySize;
            int size = typeSize(u16(e + 2));
            long values = big ? u64(e + 4) : u32(e + 4);
            if (size == 0 || values >= 0 && values * size <= inline) {
                continue; // unknown types are skipped by readers too; inline values are inside the table
            }
            long at = big ? u64(e + 12) : u32(e + 8);
            if (values < 0 || values > s.length() || !s.has(at, values * size)) {
                return "truncated: the value of tag " + u16(e) + " (" + values * size + " bytes at " + at
                        + ") is outside the data (" + s.length() + " bytes)";
            }
        }
        return null;
    }

    /**
     * The offset of the IFD after the one at {@code ifdOffset} (0 when it is the last), or -1 when
     * the entry count or the next-IFD offset lies outside the data.
     */
    long nextIfd(long ifdOffset) {
        if (!s.has(ifdOffset, big ? 8 : 2)) {
            return -1;
        }
        long count = big ? u64(ifdOffset) : u16(ifdOffset);
        int entrySize = big ? 20 : 12;
        if (count < 0 || count > s.length() / entrySize) {
            return -1;
        }
        long at = ifdOffset + (big ? 8 : 2) + count * entrySize;
        if (!s.has(at, big ? 8 : 4)) {
            return -1;
        }
        return big ? u64(at) : u32(at);
    }

    /** Value {@code i} of {@code f}, or -1 when it lies outside the data. */
    long value(Field f, long i) {
        long at = f.at() + i * f.size();
        if (i < 0 || i >= f.count() || !s.has(at, f.size())) {
            return -1;
        }
        switch (f.type()) {
            case 1: return s.u8(at);
            case 3: return u16(at);
            case 4: return u32(at);
            default: return u64(at);
        }
    }

    /** The first value of the entry at {@code e}, or -1 when its type is not an integer or it cannot be read. */
    private long firstValue(long e) {
        int type = u16(e + 2);
        int size = typeSize(type);
        if (size == 0 || type == 2 || type == 5 || type == 10 || type == 11 || type == 12) {
            return -1;
        }
        long count = big ? u64(e + 4) : u32(e + 4);
        long field = e + (big ? 12 : 8);
        int inline = big ? 8 : 4;
        if (count == 0) {
            return -1;
        }
        long at;
        if (count <= inline / size) {
            at = field;
        } else {
            at = big ? u64(field) : u32(field);
        }
        if (!s.has(at, size)) {
            return -1;
        }
        switch (type) {
            case 1: case 6: case 7: return s.u8(at);
            case 3: case 8: return u16(at);
            case 4: case 9: case 13: return u32(at);
            default: return u64(at);
        }
    }

    /**
     * The bytes of {@code tag} in the first IFD of the TIFF structure at the start of {@code s}
     * when it is a BYTE or UNDEFINED array (an embedded blob such as the ICC profile, tag 34675),
     * or null when there is no TIFF header or no such tag.
     *
     * @throws ByteReader.OutOfData when the header, the IFD or the blob lies outside the data
     */
    public static ByteReader firstIfdBlob(ByteReader s, int tag) {
        Tiff t = open(s);
        if (t == null) {
            return null;
        }
        for (long e : t.entries(t.firstIfd())) {
            int type = t.u16(e + 2);
            if (t.u16(e) != tag || type != 1 && type != 7) {
                continue;
            }
            long count = t.big ? t.u64(e + 4) : t.u32(e + 4);
            long field = e + (t.big ? 12 : 8);
            long at = count <= (t.big ? 8 : 4) ? field : t.big ? t.u64(field) : t.u32(field);
            if (!s.has(at, count)) {
                throw new ByteReader.OutOfData(at);
            }
            return s.slice(at, count);
        }
        return null;
    }

    /**
     * The Orientation tag (274) of IFD0 in an EXIF/TIFF block, raw as stored, or -1 when absent
     * or unreadable. Never throws for malformed data.
     */
    public static int exifOrientation(ByteReader block) {
        try {
            ByteReader s = block;
            if (s.startsWith(0, "Exif\0\0")) {
                s = s.slice(6, s.length() - 6L);
            }
            Tiff t = open(s);
            if (t == null) {
                return -1;
            }
            long v = t.read(t.firstIfd(), TAG_ORIENTATION)[0];
            return v < 0 || v > Integer.MAX_VALUE ? -1 : (int) v;
        } catch (ByteReader.OutOfData e) {
            return -1;
        }
    }
}
