package dev.imbytes.internal.metadata;

import dev.imbytes.Format;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Splices kept metadata blocks into encoded bytes: JPEG APP1/APP2 segments, PNG chunks after
 * IHDR, WebP chunks (with a VP8X header built when the encoder wrote a simple file), TIFF tags
 * in a rewritten first directory. The pixels' bytes are never touched.
 */
public final class MetadataWriter {
    /** Largest JPEG segment payload: 65,535 minus the two length bytes. */
    private static final int JPEG_SEGMENT = 65_533;
    private static final int ICC_CHUNK = JPEG_SEGMENT - MetadataReader.ICC_ID.length() - 2;
    private static final int VP8X_ICC = 0x20;
    private static final int VP8X_ALPHA = 0x10;
    private static final int VP8X_EXIF = 0x08;
    private static final int VP8X_XMP = 0x04;

    private MetadataWriter() {
    }

    /**
     * {@code encoded} (a whole {@code format} file of {@code width} x {@code height} from the
     * encoder, {@code channels} samples a pixel) with {@code blocks} in it; a block the format cannot
     * hold, or a profile whose colour space is not the output's (a CMYK profile on the RGB pixels a
     * CMYK JPEG decodes to), is dropped with a warning added to {@code blocks}. The EXIF pixel size,
     * when the EXIF has its own directory and the output is not a TIFF, is the output's.
     */
    public static byte[] splice(byte[] encoded, Format format, MetadataBlocks blocks, int width, int height,
                                int channels) {
        if (blocks.icc != null && !describes(blocks.icc, channels)) {
            blocks.warnings.add("ICC profile dropped: its colour space '" + new String(blocks.icc, 16, 4,
                    java.nio.charset.StandardCharsets.ISO_8859_1).trim() + "' does not describe the " + channels
                    + "-channel output");
            blocks.icc = null;
        }
        if (blocks.isEmpty()) {
            return encoded;
        }
        Ifd.Entry exifDir = blocks.exif == null ? null : blocks.exif.find(Ifd.EXIF_POINTER);
        if (exifDir != null && format != Format.TIFF) { // a TIFF states its size in IFD0; EXIF forbids these there
            exifDir.child().put(exifDir.child().longEntry(MetadataReader.PIXEL_X, width));
            exifDir.child().put(exifDir.child().longEntry(MetadataReader.PIXEL_Y, height));
        }
        return switch (format) {
            case JPEG -> jpeg(encoded, blocks);
            case PNG -> png(encoded, blocks);
            case WEBP -> webp(encoded, blocks);
            case TIFF -> tiff(encoded, blocks);
            default -> {
                blocks.warnings.add("metadata dropped: " + format.id() + " output cannot hold an ICC profile, EXIF or XMP");
                yield encoded;
            }
        };
    }

    /** Whether a profile's data colour space (header bytes 16-19) is that of pixels with {@code channels} samples. */
    private static boolean describes(byte[] icc, int channels) {
        int space = ByteBuffer.wrap(icc).getInt(16);
        return space == 0x52474220 ? channels == 3 || channels == 4 // 'RGB '
                : space == 0x47524159 && (channels == 1 || channels == 2); // 'GRAY'
    }

    private static byte[] exifBytes(MetadataBlocks blocks) {
        return blocks.exif == null ? null : blocks.exif.toTiff(blocks.exif.order);
    }

    private static byte[] jpeg(byte[] encoded, MetadataBlocks blocks) {
        ByteArrayOutputStream segments = new ByteArrayOutputStream();
        byte[] exif = exifBytes(blocks);
        if (exif != null) {
            if (exif.length + MetadataReader.EXIF_ID.length() > JPEG_SEGMENT) {
                blocks.warnings.add("EXIF dropped: " + exif.length + " bytes do not fit a JPEG APP1 segment");
            } else {
                segment(segments, 0xE1, MetadataReader.ascii(MetadataReader.EXIF_ID), exif, 0, exif.length);
            }
        }
        if (blocks.xmp != null) {
            if (blocks.xmp.length + MetadataReader.XMP_ID.length() > JPEG_SEGMENT) {
                blocks.warnings.add("XMP dropped: " + blocks.xmp.length + " bytes do not fit a JPEG APP1 segment"
                        + " (extended XMP is not written)");
            } else {
                segment(segments, 0xE1, MetadataReader.ascii(MetadataReader.XMP_ID), blocks.xmp, 0, blocks.xmp.length);
            }
        }
        int count = blocks.icc == null ? 0 : (blocks.icc.length + ICC_CHUNK - 1) / ICC_CHUNK;
        if (count > 255) { // only with Limits.withMaxIccBytes raised past 16 MB: APP2 numbers chunks in one byte
            blocks.warnings.add("ICC profile dropped: " + blocks.icc.length + " bytes need more than 255 JPEG APP2 chunks");
        } else if (blocks.icc != null) {
            for (int i = 0; i < count; i++) {
                byte[] id = MetadataReader.ascii(MetadataReader.ICC_ID + (char) (i + 1) + (char) count);
                int from = i * ICC_CHUNK;
                segment(segments, 0xE2, id, blocks.icc, from, Math.min(ICC_CHUNK, blocks.icc.length - from));
            }
        }
        // After SOI and, when present, the JFIF APP0 segment, which must come first.
        int at = 2;
        if ((encoded[2] & 0xFF) == 0xFF && (encoded[3] & 0xFF) == 0xE0) {
            at += 2 + (((encoded[4] & 0xFF) << 8) | (encoded[5] & 0xFF));
        }
        return insert(encoded, at, segments.toByteArray());
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] id, byte[] data, int from, int n) {
        int len = 2 + id.length + n;
        out.write(0xFF);
        out.write(marker);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.write(id, 0, id.length);
        out.write(data, from, n);
    }

    private static byte[] insert(byte[] into, int at, byte[] what) {
        byte[] out = new byte[into.length + what.length];
        System.arraycopy(into, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(into, at, out, at + what.length, into.length - at);
        return out;
    }

    private static byte[] png(byte[] encoded, MetadataBlocks blocks) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        if (blocks.icc != null) {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            data.writeBytes(MetadataReader.ascii("ICC Profile\0\0"));
            data.writeBytes(deflate(blocks.icc));
            chunk(chunks, "iCCP", data.toByteArray());
        }
        byte[] exif = exifBytes(blocks);
        if (exif != null) {
            chunk(chunks, "eXIf", exif);
        }
        if (blocks.xmp != null) {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            // keyword, no compression, no language, no translated keyword: what exiftool and Adobe write
            data.writeBytes(MetadataReader.ascii(MetadataReader.XMP_KEYWORD + "\0\0\0\0\0"));
            data.writeBytes(blocks.xmp);
            chunk(chunks, "iTXt", data.toByteArray());
        }
        int afterIhdr = 8 + 12 + 13; // iCCP must precede PLTE and IDAT; right after IHDR is always valid
        return insert(encoded, afterIhdr, chunks.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = MetadataReader.ascii(type);
        ByteBuffer head = ByteBuffer.allocate(8).putInt(data.length).put(t);
        out.writeBytes(head.array());
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * WebP: chunk order VP8X, ICCP, image chunks, EXIF, XMP (the container specification's). A simple
     * VP8 or VP8L file gets a VP8X header with the canvas size from its bitstream.
     */
    private static byte[] webp(byte[] encoded, MetadataBlocks blocks) {
        ByteBuffer in = ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN);
        String first = new String(encoded, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MetadataReader.ascii("RIFF\0\0\0\0WEBP"));
        int flags = (blocks.icc != null ? VP8X_ICC : 0) | (blocks.exif != null ? VP8X_EXIF : 0)
                | (blocks.xmp != null ? VP8X_XMP : 0);
        int imageAt;
        if (first.equals("VP8X")) {
            byte[] vp8x = new byte[18];
            in.get(12, vp8x);
            vp8x[8] |= (byte) flags;
            out.writeBytes(vp8x);
            imageAt = 12 + 18;
        } else {
            int[] canvas = first.equals("VP8L") ? vp8lSize(in) : vp8Size(in);
            ByteBuffer vp8x = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
            vp8x.put(MetadataReader.ascii("VP8X")).putInt(10).put((byte) (flags | canvas[2])).put(new byte[3]);
            vp8x.put((byte) (canvas[0] - 1)).put((byte) ((canvas[0] - 1) >> 8)).put((byte) ((canvas[0] - 1) >> 16));
            vp8x.put((byte) (canvas[1] - 1)).put((byte) ((canvas[1] - 1) >> 8)).put((byte) ((canvas[1] - 1) >> 16));
            out.writeBytes(vp8x.array());
            imageAt = 12;
        }
        if (blocks.icc != null) {
            riffChunk(out, "ICCP", blocks.icc);
        }
        out.write(encoded, imageAt, encoded.length - imageAt);
        byte[] exif = exifBytes(blocks);
        if (exif != null) {
            riffChunk(out, "EXIF", exif);
        }
        if (blocks.xmp != null) {
            riffChunk(out, "XMP ", blocks.xmp);
        }
        byte[] bytes = out.toByteArray();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, bytes.length - 8);
        return bytes;
    }

    private static void riffChunk(ByteArrayOutputStream out, String fourCc, byte[] data) {
        out.writeBytes(MetadataReader.ascii(fourCc));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array());
        out.writeBytes(data);
        if ((data.length & 1) != 0) {
            out.write(0);
        }
    }

    /** Width, height and VP8X alpha flag of a lossy VP8 bitstream (keyframe header after the chunk header). */
    private static int[] vp8Size(ByteBuffer in) {
        int frame = 20;
        return new int[] {in.getShort(frame + 6) & 0x3FFF, in.getShort(frame + 8) & 0x3FFF, 0};
    }

    /** Width, height and alpha flag of a lossless VP8L bitstream: 14 + 14 bits after the 0x2F signature, then alpha. */
    private static int[] vp8lSize(ByteBuffer in) {
        int bits = in.getInt(20 + 1);
        return new int[] {(bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1, (bits >>> 28 & 1) != 0 ? VP8X_ALPHA : 0};
    }

    /**
     * TIFF: the first directory is read, given the ICC (34675), XMP (700), the EXIF directory
     * tags the encoder did not write itself and pointers to the EXIF and GPS directories, and
     * written again at the end of the file; the header points to it. Strip and tile data stay put.
     */
    private static byte[] tiff(byte[] encoded, MetadataBlocks blocks) {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        ByteOrder order;
        Ifd first;
        try {
            order = Ifd.headerOrder(in);
            first = Ifd.readFirst(in, tag -> true, Integer.MAX_VALUE);
        } catch (Ifd.Malformed e) {
            blocks.warnings.add("metadata dropped: the TIFF encoder's output is not a classic TIFF (" + e.getMessage() + ")");
            return encoded;
        }
        if (blocks.icc != null) {
            first.put(new Ifd.Entry(IccProfileReader.TIFF_TAG_ICC, 7, blocks.icc.length, blocks.icc, null));
        }
        if (blocks.xmp != null) {
            first.put(new Ifd.Entry(MetadataReader.TIFF_XMP, 1, blocks.xmp.length, blocks.xmp, null));
        }
        if (blocks.exif != null) {
            for (Ifd.Entry e : blocks.exif.entries) {
                if (first.find(e.tag()) == null) {
                    first.put(e.child() != null ? e : reordered(e, blocks.exif.order, order));
                }
            }
        }
        long base = (encoded.length + 1) & ~1L;
        if (base + (long) blocks.used + 65_536 > 0xFFFF_FFFFL) {
            blocks.warnings.add("metadata dropped: the TIFF would pass 4 GiB");
            return encoded;
        }
        byte[] ifd = first.toBytesAt(base, order, 0);
        byte[] out = new byte[(int) base + ifd.length];
        System.arraycopy(encoded, 0, out, 0, encoded.length);
        System.arraycopy(ifd, 0, out, (int) base, ifd.length);
        ByteBuffer.wrap(out).order(order).putInt(4, (int) base);
        return out;
    }

    /** An entry read in byte order {@code from}, as a one-entry directory re-read in {@code to}. */
    private static Ifd.Entry reordered(Ifd.Entry e, ByteOrder from, ByteOrder to) {
        if (from == to) {
            return e;
        }
        Ifd one = new Ifd(from);
        one.entries.add(e);
        return Ifd.readFirst(ByteBuffer.wrap(one.toTiff(to)), tag -> true, Integer.MAX_VALUE).entries.get(0);
    }
}
