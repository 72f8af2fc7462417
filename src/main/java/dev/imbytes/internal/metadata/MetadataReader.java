package dev.imbytes.internal.metadata;

import dev.imbytes.Format;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Reads the blocks a conversion keeps from a JPEG, PNG, WebP or TIFF source: EXIF and XMP here,
 * the ICC profile through {@link IccProfileReader} (the one reader of profiles, also used for the
 * colour conversion). Plain Java, every read bounds-checked; a malformed block is dropped with a
 * warning and never fails the conversion.
 */
public final class MetadataReader {
    static final String EXIF_ID = "Exif\0\0";
    static final String XMP_ID = "http://ns.adobe.com/xap/1.0/\0";
    private static final String EXTENDED_XMP_ID = "http://ns.adobe.com/xmp/extension/\0";
    static final String ICC_ID = "ICC_PROFILE\0";
    static final String XMP_KEYWORD = "XML:com.adobe.xmp";
    static final int TIFF_XMP = 700;
    static final int PIXEL_X = 40962;
    static final int PIXEL_Y = 40963;
    private static final int MAKER_NOTE = 37500;
    private static final int MAX_CHUNKS = 100_000;

    /**
     * Tags that describe a pixel layout (strips, tiles, samples, compression, a thumbnail): they
     * belong to the stored image, not to the picture, and would lie about the output.
     */
    private static final Set<Integer> LAYOUT_TAGS = Set.of(254, 255, 256, 257, 258, 259, 262, 266, 273, 277, 278, 279,
            284, 317, 320, 322, 323, 324, 325, 338, 339, 340, 341, 513, 514, 530, 532, 33723, 34377, 37724, 50341,
            IccProfileReader.TIFF_TAG_ICC, TIFF_XMP);

    /**
     * Kept: everything but the layout, the MakerNote (vendor data whose offsets often point outside
     * itself, so it breaks when moved; it also holds serial numbers) and the EXIF pixel size (the
     * output has another: {@link MetadataWriter} writes it).
     */
    private static final IntPredicate KEEP_TAG = tag -> !LAYOUT_TAGS.contains(tag) && tag != MAKER_NOTE
            && tag != PIXEL_X && tag != PIXEL_Y;

    private MetadataReader() {
    }

    /**
     * The blocks of {@code input} (a whole {@code format} file) that are asked for.
     *
     * @param exifAndXmp         read EXIF and XMP (the ICC profile is always read)
     * @param maxIccBytes        the profile size limit ({@code Limits.maxIccBytes()})
     * @param orientationApplied whether the pixels were turned upright (then EXIF orientation becomes 1)
     */
    public static MetadataBlocks read(ByteBuffer input, Format format, boolean exifAndXmp, int maxIccBytes,
                                      boolean orientationApplied) {
        MetadataBlocks blocks = new MetadataBlocks();
        blocks.icc = IccProfileReader.read(input, format, maxIccBytes, blocks.warnings::add).orElse(null);
        if (!exifAndXmp) {
            return blocks;
        }
        Found found = new Found();
        ByteBuffer in = input.slice().order(ByteOrder.BIG_ENDIAN);
        try {
            switch (format) {
                case JPEG -> jpeg(in, found, blocks);
                case PNG -> png(in, found, blocks);
                case WEBP -> webp(in, found);
                case TIFF -> found.tiff = in;
                default -> {
                    return blocks; // formats that hold neither block
                }
            }
        } catch (RuntimeException e) { // a bound broken while walking the container: keep what was complete
            blocks.warnings.add("metadata after a damaged " + format.id() + " segment ignored: " + message(e));
        }
        blocks.exif = keepExif(found, blocks, orientationApplied);
        if (found.xmp != null && blocks.fits("XMP", found.xmp.length)) {
            blocks.xmp = orientationApplied ? uprightXmp(found.xmp) : found.xmp;
        }
        return blocks;
    }

    /** XMP's copy of the EXIF orientation, as an attribute or an element. */
    private static final java.util.regex.Pattern XMP_ORIENTATION =
            java.util.regex.Pattern.compile("(tiff:Orientation\\s*(?:=\\s*[\"']|>)\\s*)[0-9]");

    /**
     * The XMP with its {@code tiff:Orientation} set to 1 like the EXIF one, so that no reader
     * turns the upright pixels again; one digit for another, so the packet keeps its length.
     */
    private static byte[] uprightXmp(byte[] xmp) {
        String text = new String(xmp, StandardCharsets.ISO_8859_1); // byte for byte: UTF-8 outside the tag is untouched
        java.util.regex.Matcher m = XMP_ORIENTATION.matcher(text);
        return m.find() ? m.replaceAll(r -> r.group(1) + "1").getBytes(StandardCharsets.ISO_8859_1) : xmp;
    }

    /** Raw blocks as found in the container, before checks. */
    private static final class Found {
        ByteBuffer exif;
        ByteBuffer tiff;
        byte[] xmp;
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Ifd keepExif(Found found, MetadataBlocks blocks, boolean orientationApplied) {
        ByteBuffer tiff = found.tiff != null ? found.tiff : found.exif;
        if (found.tiff != null) {
            found.xmp = tiffXmp(found.tiff, blocks);
        }
        if (tiff == null) {
            return null;
        }
        try {
            Ifd ifd = Ifd.readFirst(tiff, KEEP_TAG, MetadataBlocks.MAX_EXIF_XMP_BYTES - blocks.used);
            if (orientationApplied) {
                ifd.resetOrientation();
            }
            if (ifd.entries.isEmpty() || !blocks.fits("EXIF", ifd.byteSize())) {
                return null;
            }
            return ifd;
        } catch (Ifd.Malformed | IndexOutOfBoundsException e) {
            blocks.warnings.add("EXIF dropped: malformed (" + message(e) + ")");
            return null;
        }
    }

    /** Tag 700 of a TIFF source's first directory, or null (with a warning when malformed). */
    private static byte[] tiffXmp(ByteBuffer tiff, MetadataBlocks blocks) {
        try {
            Ifd.Entry e = Ifd.readFirst(tiff, t -> t == TIFF_XMP, MetadataBlocks.MAX_EXIF_XMP_BYTES).find(TIFF_XMP);
            return e == null ? null : e.value();
        } catch (Ifd.Malformed | IndexOutOfBoundsException e) {
            blocks.warnings.add("XMP dropped: malformed TIFF directory (" + message(e) + ")");
            return null;
        }
    }

    private static boolean startsWith(ByteBuffer b, int at, int end, String id) {
        if (end - at < id.length()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (b.get(at + i) != (byte) id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] copy(ByteBuffer b, int at, int end) {
        byte[] out = new byte[end - at];
        b.get(at, out);
        return out;
    }

    /** JPEG: the first APP1 Exif and the first APP1 XMP segment, before the first scan. */
    private static void jpeg(ByteBuffer b, Found found, MetadataBlocks blocks) {
        boolean extended = false;
        int at = 2;
        while (at + 4 <= b.limit()) {
            if ((b.get(at) & 0xFF) != 0xFF) {
                throw new IllegalStateException("no marker at offset " + at);
            }
            int marker = b.get(at + 1) & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                at += 2;
                continue;
            }
            int len = b.getShort(at + 2) & 0xFFFF;
            int start = at + 4;
            int end = at + 2 + len;
            if (len < 2 || end > b.limit()) {
                throw new IllegalStateException("segment at offset " + at + " runs past the end");
            }
            if (marker == 0xE1 && found.exif == null && startsWith(b, start, end, EXIF_ID)) {
                found.exif = b.slice(start + EXIF_ID.length(), end - start - EXIF_ID.length());
            } else if (marker == 0xE1 && found.xmp == null && startsWith(b, start, end, XMP_ID)) {
                found.xmp = copy(b, start + XMP_ID.length(), end);
            } else if (marker == 0xE1 && !extended && startsWith(b, start, end, EXTENDED_XMP_ID)) {
                extended = true;
                blocks.warnings.add("extended XMP dropped: JPEG APP1 " + EXTENDED_XMP_ID.trim()
                        + " segments are not kept (the main XMP packet is)");
            }
            at = end;
        }
    }

    /** PNG: eXIf and the iTXt XML:com.adobe.xmp chunk, anywhere before IEND (eXIf often follows IDAT). */
    private static void png(ByteBuffer b, Found found, MetadataBlocks blocks) {
        int at = 8;
        for (int chunks = 0; at + 12 <= b.limit() && chunks < MAX_CHUNKS; chunks++) {
            long len = b.getInt(at) & 0xFFFFFFFFL;
            int start = at + 8;
            if (len > b.limit() - start - 4) {
                throw new IllegalStateException("chunk at offset " + at + " runs past the end");
            }
            int end = start + (int) len;
            if (startsWith(b, at + 4, at + 8, "IEND")) {
                break;
            } else if (startsWith(b, at + 4, at + 8, "eXIf") && found.exif == null) {
                int skip = startsWith(b, start, end, EXIF_ID) ? EXIF_ID.length() : 0; // some writers keep JPEG's prefix
                found.exif = b.slice(start + skip, end - start - skip);
            } else if (startsWith(b, at + 4, at + 8, "iTXt") && found.xmp == null
                    && startsWith(b, start, end, XMP_KEYWORD + "\0")) {
                found.xmp = itxtText(b, start + XMP_KEYWORD.length() + 1, end, blocks);
            }
            at = end + 4;
        }
    }

    private static int nul(ByteBuffer b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b.get(i) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The text of an uncompressed iTXt chunk after its keyword: flag, method, language, translated keyword, text. */
    private static byte[] itxtText(ByteBuffer b, int at, int end, MetadataBlocks blocks) {
        int lang = at + 2 <= end ? nul(b, at + 2, end) : -1;
        int translated = lang < 0 ? -1 : nul(b, lang + 1, end);
        if (translated < 0) {
            blocks.warnings.add("XMP dropped: its PNG iTXt chunk is malformed");
            return null;
        }
        if (b.get(at) != 0) { // XMP writers leave it uncompressed so that scanners can find the packet
            blocks.warnings.add("XMP dropped: its PNG iTXt chunk is compressed, which imbytes does not keep");
            return null;
        }
        return copy(b, translated + 1, end);
    }

    /** WebP: the EXIF and XMP chunks of the RIFF container. */
    private static void webp(ByteBuffer b, Found found) {
        b.order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        for (int chunks = 0; at + 8 <= b.limit() && chunks < MAX_CHUNKS; chunks++) {
            long len = b.getInt(at + 4) & 0xFFFFFFFFL;
            int start = at + 8;
            if (len > b.limit() - start) {
                throw new IllegalStateException("chunk at offset " + at + " runs past the end");
            }
            int end = start + (int) len;
            if (startsWith(b, at, at + 4, "EXIF") && found.exif == null) {
                int skip = startsWith(b, start, end, EXIF_ID) ? EXIF_ID.length() : 0;
                found.exif = b.slice(start + skip, end - start - skip);
            } else if (startsWith(b, at, at + 4, "XMP ") && found.xmp == null) {
                found.xmp = copy(b, start, end);
            }
            at = end + (end & 1);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
