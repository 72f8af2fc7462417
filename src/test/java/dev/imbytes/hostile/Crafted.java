package dev.imbytes.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/** Crafted variants of real files for {@link NativeSilenceTest} (each one makes a native decoder talk), and the PNG chunks other tests build files from. */
public final class Crafted {
    private Crafted() {
    }

    /** A progressive JPEG whose last scan is repeated until it has {@code scans} scans in all. */
    static byte[] jpegWithScans(byte[] progressive, int scans) {
        int lastSos = lastIndexOf(progressive, 0xFF, 0xDA);
        int eoi = lastIndexOf(progressive, 0xFF, 0xD9);
        int have = count(progressive, firstSos(progressive), 0xFF, 0xDA); // APPn segments may hold FF DA too
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(progressive, 0, eoi);
        for (int i = have; i < scans; i++) {
            out.write(progressive, lastSos, eoi - lastSos);
        }
        out.write(progressive, eoi, progressive.length - eoi);
        return out.toByteArray();
    }

    /** {@code junk} bytes inserted right after the JPEG's first segment (the APP0 or whatever follows SOI). */
    static byte[] jpegWithJunkAfterFirstSegment(byte[] jpeg, int junk) {
        int end = 4 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF);
        byte[] filler = new byte[junk];
        Arrays.fill(filler, (byte) 0x5A);
        return splice(jpeg, end, filler);
    }

    /** A JPEG with a JFIF APP0 segment of revision {@code major}.02 inserted after SOI. */
    static byte[] jpegWithJfifRevision(byte[] jpeg, int major) {
        byte[] app0 = {(byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, (byte) major, 2, 0, 0, 1, 0, 1, 0, 0};
        return splice(jpeg, 2, app0);
    }

    /** The PNG with {@code chunk} inserted before the chunk named {@code before} (its first occurrence). */
    static byte[] pngInsertBefore(byte[] png, String before, byte[] chunk) {
        return splice(png, chunkOffset(png, before), chunk);
    }

    /** The PNG without its first chunk named {@code type}. */
    static byte[] pngWithout(byte[] png, String type) {
        int at = chunkOffset(png, type);
        int end = at + 12 + ByteBuffer.wrap(png, at, 4).getInt();
        byte[] out = new byte[png.length - (end - at)];
        System.arraycopy(png, 0, out, 0, at);
        System.arraycopy(png, end, out, at, png.length - end);
        return out;
    }

    /** A copy of the first chunk named {@code type}, header and CRC included. */
    static byte[] pngChunk(byte[] png, String type) {
        int at = chunkOffset(png, type);
        return Arrays.copyOfRange(png, at, at + 12 + ByteBuffer.wrap(png, at, 4).getInt());
    }

    /** A well-formed chunk (its CRC computed). */
    public static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** A BMP (BITMAPINFOHEADER or later) with its colour count (clrUsed) set. */
    static byte[] bmpWithColoursUsed(byte[] bmp, long clrUsed) {
        byte[] b = bmp.clone();
        Hostile.putIntLe(b, 46, (int) clrUsed);
        return b;
    }

    /** A minimal animated WebP: VP8X with the animation flag, ANIM, one ANMF frame holding {@code stillVp8}'s VP8 chunk. */
    static byte[] animatedWebp(byte[] stillVp8) {
        byte[] vp8 = Arrays.copyOfRange(stillVp8, 12, stillVp8.length); // "VP8 " chunk of a simple-format file
        int w = (stillVp8[26] & 0xFF | (stillVp8[27] & 0x3F) << 8) - 1;
        int h = (stillVp8[28] & 0xFF | (stillVp8[29] & 0x3F) << 8) - 1;
        ByteBuffer vp8x = le(18).put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0x02)
                .put(new byte[3]).put(u24(w)).put(u24(h));
        ByteBuffer anim = le(14).put("ANIM".getBytes(StandardCharsets.US_ASCII)).putInt(6).putInt(0).putShort((short) 0);
        ByteBuffer anmf = le(8 + 16 + vp8.length).put("ANMF".getBytes(StandardCharsets.US_ASCII))
                .putInt(16 + vp8.length).put(new byte[6]).put(u24(w)).put(u24(h)).put(u24(100)).put((byte) 0).put(vp8);
        int body = 4 + vp8x.capacity() + anim.capacity() + anmf.capacity();
        return le(8 + body).put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(vp8x.array()).put(anim.array()).put(anmf.array())
                .array();
    }

    /**
     * The first {@code length} bytes of a simple-format WebP with the RIFF and VP8 sizes made to
     * match: consistent, but shorter than the header OpenCV reads before anything else.
     */
    static byte[] shortWebp(byte[] simple, int length) {
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(simple, length)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, length - 8);
        b.putInt(16, length - 20);
        return b.array();
    }

    /** A still VP8X WebP holding {@code simple}'s VP8 chunk after {@code junk} empty unknown chunks. */
    static byte[] webpWithChunks(byte[] simple, int junk) {
        byte[] vp8 = Arrays.copyOfRange(simple, 12, simple.length);
        int w = (simple[26] & 0xFF | (simple[27] & 0x3F) << 8) - 1;
        int h = (simple[28] & 0xFF | (simple[29] & 0x3F) << 8) - 1;
        int body = 4 + 18 + 8 * junk + vp8.length;
        ByteBuffer b = le(8 + body).put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body)
                .put("WEBPVP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0).put(u24(w)).put(u24(h));
        for (int i = 0; i < junk; i++) {
            b.put("XXXX".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        }
        return b.put(vp8).array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] u24(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16)};
    }

    static byte[] splice(byte[] b, int at, byte[] insert) {
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }

    private static int chunkOffset(byte[] png, String type) {
        int off = 8;
        while (off + 8 <= png.length) {
            if (new String(png, off + 4, 4, StandardCharsets.US_ASCII).equals(type)) {
                return off;
            }
            off += 12 + ByteBuffer.wrap(png, off, 4).getInt();
        }
        throw new IllegalArgumentException("no " + type + " chunk");
    }

    private static int lastIndexOf(byte[] b, int x, int y) {
        for (int i = b.length - 2; i >= 0; i--) {
            if ((b[i] & 0xFF) == x && (b[i + 1] & 0xFF) == y) {
                return i;
            }
        }
        throw new IllegalArgumentException("no marker");
    }

    /** The offset of the second SOS marker (the first one after the first scan's entropy-coded data). */
    static int secondSos(byte[] jpeg) {
        int first = firstSos(jpeg);
        for (int i = first + 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                return i;
            }
        }
        throw new IllegalArgumentException("one scan only");
    }

    /** The offset of the first SOS marker, found by walking the segments before it. */
    private static int firstSos(byte[] jpeg) {
        int off = 2;
        while ((jpeg[off + 1] & 0xFF) != 0xDA) {
            off += 2 + ((jpeg[off + 2] & 0xFF) << 8 | jpeg[off + 3] & 0xFF);
        }
        return off;
    }

    private static int count(byte[] b, int from, int x, int y) {
        int n = 0;
        for (int i = from; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == x && (b[i + 1] & 0xFF) == y) {
                n++;
            }
        }
        return n;
    }
}
