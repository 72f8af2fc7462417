package dev.imbytes.hostile;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;

/**
 * Builds small little-endian classic TIFF files for the hostile tests: one IFD, the pixel data
 * (already encoded as the chosen compression expects) in one strip or one tile right after the
 * header. Any tag may be overridden or removed, so that crafted headers can be made in test code.
 */
public final class TiffBuilder {
    /** Tags whose values are written as LONG; the rest are SHORT when they fit. */
    private static final int[] LONG_TAGS = {256, 257, 273, 278, 279, 322, 323, 324, 325};

    private final Map<Integer, long[]> tags = new TreeMap<>();
    private byte[] data = new byte[0];

    private TiffBuilder(int width, int height) {
        tags.put(256, new long[] {width});
        tags.put(257, new long[] {height});
        tags.put(258, new long[] {8});
        tags.put(259, new long[] {1});
        tags.put(262, new long[] {1});
        tags.put(277, new long[] {1});
        tags.put(278, new long[] {height});
    }

    /** An uncompressed 8-bit greyscale image of {@code width} × {@code height} in one strip, data still empty. */
    public static TiffBuilder grey(int width, int height) {
        return new TiffBuilder(width, height);
    }

    /** Sets a tag's values (replacing any). */
    public TiffBuilder set(int tag, long... values) {
        tags.put(tag, values);
        return this;
    }

    /** Removes a tag. */
    public TiffBuilder remove(int tag) {
        tags.remove(tag);
        return this;
    }

    /** Stores the pixel data as one tile of {@code tileWidth} × {@code tileLength} (no strip tags). */
    public TiffBuilder oneTile(int tileWidth, int tileLength) {
        tags.remove(278);
        tags.put(322, new long[] {tileWidth});
        tags.put(323, new long[] {tileLength});
        return this;
    }

    /** The encoded pixel data of the one strip or tile. */
    public TiffBuilder data(byte[] encoded) {
        data = encoded.clone();
        return this;
    }

    /** zlib-compressed {@code raw} (TIFF compression 8, Adobe deflate). */
    public static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater(9);
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** The file: header, data, IFD, then values that do not fit in their entries. */
    public byte[] build() {
        boolean tiled = tags.containsKey(322);
        tags.put(tiled ? 324 : 273, new long[] {8});
        tags.put(tiled ? 325 : 279, new long[] {data.length});
        int ifd = 8 + data.length + (data.length & 1);
        int extra = ifd + 2 + 12 * tags.size() + 4;
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        byte[] ifdBytes = new byte[2 + 12 * tags.size() + 4];
        putShort(ifdBytes, 0, tags.size());
        int e = 2;
        for (Map.Entry<Integer, long[]> t : tags.entrySet()) {
            long[] v = t.getValue();
            boolean asLong = java.util.Arrays.stream(LONG_TAGS).anyMatch(x -> x == t.getKey())
                    || java.util.Arrays.stream(v).anyMatch(x -> x > 0xFFFF);
            int size = asLong ? 4 : 2;
            putShort(ifdBytes, e, t.getKey());
            putShort(ifdBytes, e + 2, asLong ? 4 : 3);
            putInt(ifdBytes, e + 4, v.length);
            byte[] packed = new byte[v.length * size];
            for (int i = 0; i < v.length; i++) {
                if (asLong) {
                    putInt(packed, i * size, (int) v[i]);
                } else {
                    putShort(packed, i * size, (int) v[i]);
                }
            }
            if (packed.length <= 4) {
                System.arraycopy(packed, 0, ifdBytes, e + 8, packed.length);
            } else {
                putInt(ifdBytes, e + 8, extra + values.size());
                values.writeBytes(packed);
            }
            e += 12;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'I', 'I', 42, 0, (byte) ifd, (byte) (ifd >>> 8), (byte) (ifd >>> 16), (byte) (ifd >>> 24)});
        out.writeBytes(data);
        if ((data.length & 1) != 0) {
            out.write(0);
        }
        out.writeBytes(ifdBytes);
        out.writeBytes(values.toByteArray());
        return out.toByteArray();
    }

    private static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    private static void putInt(byte[] b, int off, int v) {
        Hostile.putIntLe(b, off, v);
    }
}
