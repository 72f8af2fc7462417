package dev.imbytes.internal.metadata;

import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.tiff.Tiff;

import dev.imbytes.Format;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the ICC profile embedded in an encoded image, in plain Java (no native call): JPEG APP2
 * {@code ICC_PROFILE} segments reassembled by sequence number, PNG {@code iCCP} (inflated, bounded),
 * WebP {@code ICCP} (extended files) and TIFF tag 34675 in the first IFD. Other formats carry none.
 *
 * <p>A profile is never a reason to fail a conversion: one that is malformed, inconsistent or over
 * the size limit yields no profile and one sentence to {@code warnings}, and the image is then
 * treated as untagged. The size limit bounds every allocation here, the PNG inflation included,
 * before it is made.
 */
public final class IccProfileReader {
    /** TIFF tag InterColorProfile. */
    static final int TIFF_TAG_ICC = 34675;
    /** The ICC header (128 bytes) and the tag count: the least a profile can be. */
    static final int MIN_PROFILE_BYTES = 132;
    private static final String JPEG_ICC_ID = "ICC_PROFILE\0";

    private IccProfileReader() {
    }

    /** Why a profile was not taken; its message is the warning. */
    private static final class Ignored extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Ignored(String why) {
            super(why, null, false, false);
        }
    }

    /** {@link #read(ByteBuffer, Format, int, Consumer)} over a whole array. */
    public static Optional<byte[]> read(byte[] encoded, Format format, int maxBytes, Consumer<String> warnings) {
        return read(ByteBuffer.wrap(encoded), format, maxBytes, warnings);
    }

    /**
     * The embedded ICC profile of {@code encoded} (position to limit, not moved), if it has one
     * that is well-formed and at most {@code maxBytes} long ({@code Limits.maxIccBytes()}).
     *
     * @param format   the format the probe recognised
     * @param warnings receives one sentence when a profile is present but ignored
     * @return the profile's bytes (a fresh array, trimmed to the size its header declares), or empty
     */
    public static Optional<byte[]> read(ByteBuffer encoded, Format format, int maxBytes, Consumer<String> warnings) {
        ByteReader s = new ByteReader(encoded);
        try {
            byte[] profile = switch (format) {
                case JPEG -> jpeg(s, maxBytes);
                case PNG -> png(s, maxBytes);
                case WEBP -> webp(s, maxBytes);
                case TIFF -> tiff(s, maxBytes);
                default -> null;
            };
            return Optional.ofNullable(profile).map(IccProfileReader::checked);
        } catch (Ignored e) {
            warnings.accept("the embedded ICC profile was ignored: " + e.getMessage());
        } catch (ByteReader.OutOfData e) {
            warnings.accept("the embedded ICC profile was ignored: it is cut short (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    private static void checkSize(long bytes, int maxBytes) {
        if (bytes > maxBytes) {
            throw new Ignored("it has " + bytes + " bytes or more, over the limit of " + maxBytes
                    + " (Limits.withMaxIccBytes)");
        }
    }

    /** The profile's own header agrees with its bytes: the declared size fits and the signature is there. */
    private static byte[] checked(byte[] profile) {
        ByteReader p = ByteReader.of(profile);
        if (profile.length < MIN_PROFILE_BYTES) {
            throw new Ignored("it has " + profile.length + " bytes, fewer than an ICC header");
        }
        if (!p.startsWith(36, "acsp")) {
            throw new Ignored("its header lacks the 'acsp' signature");
        }
        long declared = p.u32be(0);
        if (declared < MIN_PROFILE_BYTES || declared > profile.length) {
            throw new Ignored("its header declares " + declared + " bytes, but " + profile.length + " are stored");
        }
        // Some writers pad the container's copy; the profile is what its header declares.
        return declared == profile.length ? profile : java.util.Arrays.copyOf(profile, (int) declared);
    }

    /** APP2 segments "ICC_PROFILE\0", sequence number (1-based), count, data; before the first scan. */
    private static byte[] jpeg(ByteReader s, int maxBytes) {
        byte[][] chunks = null;
        long total = 0;
        long off = 2;
        while (off < s.length()) {
            while (off < s.length() && s.u8(off) != 0xFF) {
                off++; // stray bytes: the probe judged them; here only the segments matter
            }
            while (off < s.length() && s.u8(off) == 0xFF) {
                off++;
            }
            if (off >= s.length()) {
                break;
            }
            int marker = s.u8(off++);
            if (marker == 0xDA || marker == 0xD9) {
                break; // the first scan: profiles come before it
            }
            if (marker == 0x00 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                continue;
            }
            int length = s.u16be(off);
            if (length < 2) {
                break;
            }
            long payload = off + 2;
            int payloadLength = length - 2;
            if (marker == 0xE2 && payloadLength >= JPEG_ICC_ID.length() + 2 && s.startsWith(payload, JPEG_ICC_ID)) {
                int seq = s.u8(payload + 12);
                int count = s.u8(payload + 13);
                if (chunks == null) {
                    chunks = new byte[count][];
                }
                if (count != chunks.length || seq < 1 || seq > count || chunks[seq - 1] != null) {
                    throw new Ignored("its JPEG APP2 chunks are numbered inconsistently (chunk " + seq + " of "
                            + count + ")");
                }
                int n = payloadLength - 14;
                total += n;
                checkSize(total, maxBytes);
                chunks[seq - 1] = s.copy(payload + 14, n);
            }
            off = payload + payloadLength;
        }
        if (chunks == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        for (int i = 0; i < chunks.length; i++) {
            if (chunks[i] == null) {
                throw new Ignored("JPEG APP2 chunk " + (i + 1) + " of " + chunks.length + " is missing");
            }
            out.writeBytes(chunks[i]);
        }
        return out.toByteArray();
    }

    /** iCCP: a Latin-1 name of 1 to 79 bytes, a NUL, compression method 0, then a zlib stream. */
    private static byte[] png(ByteReader s, int maxBytes) {
        long off = 8;
        while (s.has(off, 8)) {
            long length = s.u32be(off);
            String type = s.fourCc(off + 4);
            long data = off + 8;
            if (type.equals("IDAT") || type.equals("IEND")) {
                return null; // iCCP must come before the image data
            }
            if (type.equals("iCCP")) {
                if (!s.has(data, length)) {
                    throw new ByteReader.OutOfData(data + length);
                }
                int nul = 0;
                while (nul < Math.min(length, 80) && s.u8(data + nul) != 0) {
                    nul++;
                }
                if (nul == 0 || nul >= 80 || nul + 2 > length) {
                    throw new Ignored("its PNG iCCP chunk has no valid profile name");
                }
                if (s.u8(data + nul + 1) != 0) {
                    throw new Ignored("its PNG iCCP chunk uses compression method " + s.u8(data + nul + 1));
                }
                long zlib = data + nul + 2;
                return inflate(s.window(zlib, (int) (length - nul - 2)), maxBytes);
            }
            off = data + length + 4;
        }
        return null;
    }

    /** Inflates a zlib stream, never past {@code maxBytes} of output. */
    private static byte[] inflate(ByteBuffer zlib, int maxBytes) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(zlib);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] block = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(block, 0, (int) Math.min(block.length, (long) maxBytes + 1 - out.size()));
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new Ignored("its PNG iCCP data is cut short");
                }
                out.write(block, 0, n);
                if (out.size() > maxBytes) {
                    throw new Ignored("it inflates to more than the limit of " + maxBytes
                            + " bytes (Limits.withMaxIccBytes)");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new Ignored("its PNG iCCP data is not a valid zlib stream (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    /** RIFF chunks of an extended (VP8X) WebP file; simple files have no room for a profile. */
    private static byte[] webp(ByteReader s, int maxBytes) {
        if (!s.startsWith(12, "VP8X")) {
            return null;
        }
        long off = 12;
        while (s.has(off, 8)) {
            long length = s.u32le(off + 4);
            if (s.fourCc(off).equals("ICCP")) {
                checkSize(length, maxBytes);
                return s.copy(off + 8, (int) length);
            }
            off += 8 + length + (length & 1);
        }
        return null;
    }

    private static byte[] tiff(ByteReader s, int maxBytes) {
        ByteReader blob = Tiff.firstIfdBlob(s, TIFF_TAG_ICC);
        if (blob == null) {
            return null;
        }
        checkSize(blob.length(), maxBytes);
        return blob.copy(0, blob.length());
    }
}
