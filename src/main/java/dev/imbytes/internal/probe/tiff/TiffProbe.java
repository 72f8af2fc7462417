package dev.imbytes.internal.probe.tiff;

import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.FormatProbe;
import dev.imbytes.internal.probe.HeaderChecks;
import dev.imbytes.internal.probe.ImageHeader;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;
import dev.imbytes.ImageTooLargeException;
import dev.imbytes.UnsupportedFormatException;
import java.nio.ByteBuffer;

/**
 * The TIFF header probe ({@link #read}: what the first IFD declares) and the decoder check
 * ({@link #checkDecoder}: refused before decoding when OpenCV 4.9 and its bundled libtiff could not
 * decode it, since they would log on stderr or return a blank image, or when the buffers they
 * would allocate for one strip or tile are out of proportion to the image).
 *
 * <p>Why each rule exists is in OpenCV 4.9's {@code grfmt_tiff.cpp}: {@code readHeader} fails (and
 * {@code imdecode} logs the failure) without a Photometric tag, for more than 4 samples per pixel,
 * for bit depths other than 1, 4 (palette), 8, 10, 12, 14, 16, 32 and 64, and for non-integer
 * samples below 32 bits; {@code readData} allocates one strip or tile as 32-bit RGBA (8-bit output)
 * or as stored (deeper output) next to libtiff's own decoded block, for every strip or tile.
 */
public final class TiffProbe implements FormatProbe {
    static final int TAG_SAMPLE_FORMAT = 339;
    static final int TAG_EXTRA_SAMPLES = 338;
    static final int PHOTOMETRIC_PALETTE = 3;
    static final int PHOTOMETRIC_CIELAB = 8;
    static final int EXTRA_SAMPLE_ASSOCIATED_ALPHA = 1;

    /**
     * Compressions the bundled libtiff decodes and that imbytes hands to it: none, CCITT RLE,
     * Group 3, Group 4, LZW, JPEG, Adobe deflate, PackBits, deflate. Old-style JPEG (6) and the rest
     * are refused: libtiff either lacks a codec for them or warns on stderr while guessing.
     */
    private static final long[] COMPRESSIONS = {1, 2, 3, 4, 5, 7, 8, 32773, 32946};

    /**
     * One strip's or tile's decoder buffers may take this much whatever the image size: 64 MiB
     * covers a 4096 × 4096 tile, far beyond the 256 × 256 or 512 × 512 that writers use.
     */
    static final long BLOCK_BYTES_FLOOR = 64L << 20;

    /**
     * OpenCV's {@code readHeader} counts every page ({@code TIFFNumberOfDirectories}) though only
     * the first is decoded, so the page chain is work a file can multiply: more pages than this
     * are refused. 1024 is far beyond real multi-page scans and faxes.
     */
    static final int MAX_PAGES = 1024;

    /** The strip or tile layout of the first image. */
    record Blocks(boolean tiled, long width, long rows, long across, long down, long planes) {
        long count() {
            return across * down * planes;
        }
    }

    @Override
    public Format sniff(ByteReader s) {
        // classic TIFF (42) and BigTIFF (43), either byte order
        return s.startsWith(0, 'I', 'I', 42, 0) || s.startsWith(0, 'M', 'M', 0, 42)
                || s.startsWith(0, 'I', 'I', 43, 0) || s.startsWith(0, 'M', 'M', 0, 43) ? Format.TIFF : null;
    }

    @Override
    public ImageHeader read(ByteReader s, Format format) {
        Tiff t = Tiff.open(s);
        if (t == null) {
            throw HeaderChecks.corrupt(Format.TIFF, "bad header");
        }
        long ifd = t.firstIfd();
        if (ifd < 8 || !s.has(ifd, 2)) {
            throw HeaderChecks.corrupt(Format.TIFF, "first IFD offset " + ifd + " is outside the data (" + s.length() + " bytes)");
        }
        long[] v = t.read(ifd, Tiff.TAG_WIDTH, Tiff.TAG_HEIGHT, Tiff.TAG_BITS_PER_SAMPLE,
                Tiff.TAG_SAMPLES_PER_PIXEL, Tiff.TAG_PHOTOMETRIC, Tiff.TAG_ORIENTATION, Tiff.TAG_PLANAR_CONFIG,
                TAG_EXTRA_SAMPLES);
        if (v[0] < 0 || v[1] < 0) {
            throw HeaderChecks.corrupt(Format.TIFF, "first IFD has no " + (v[0] < 0 ? "ImageWidth" : "ImageLength") + " tag");
        }
        int w = HeaderChecks.dimension(Format.TIFF, "width", v[0]);
        int h = HeaderChecks.dimension(Format.TIFF, "height", v[1]);
        int bits = v[2] < 0 ? 1 : (int) Math.min(v[2], Integer.MAX_VALUE);
        int spp = v[3] < 0 ? 1 : (int) Math.min(v[3], Integer.MAX_VALUE);
        int orientation = v[5] < 0 || v[5] > Integer.MAX_VALUE ? -1 : (int) v[5];
        return new ImageHeader(Format.TIFF, w, h, spp, bits, orientation, colorModel(v[4]),
                TiffData.defect(s, t, ifd, w, h, spp, bits)).withVariant(variant(v[4], bits, spp, v[6], v[7]));
    }

    /**
     * The route of the first page. OpenCV 4.9 gives a palette image's indices as grey unless asked
     * for colour, refuses CIELab, reads 16-bit planar samples as if they were interleaved, and keeps
     * associated (premultiplied) alpha premultiplied; the JDK's TIFF reader reads those correctly.
     */
    private static ImageHeader.Variant variant(long photometric, int bits, int spp, long planar, long extraSamples) {
        if (photometric == PHOTOMETRIC_PALETTE) {
            return ImageHeader.Variant.OPENCV_COLOR;
        }
        boolean lab = photometric == PHOTOMETRIC_CIELAB && bits == 8 && (spp == 1 || spp == 3);
        boolean deepPlanar = bits == 16 && spp > 1 && planar == 2;
        boolean deepAssociated = bits == 16 && spp == 4 && extraSamples == EXTRA_SAMPLE_ASSOCIATED_ALPHA;
        return lab || deepPlanar || deepAssociated ? ImageHeader.Variant.JDK_IMAGEIO : ImageHeader.Variant.OPENCV;
    }

    /**
     * Refuses, before decoding and in lenient mode too, a TIFF whose first image OpenCV 4.9 cannot
     * decode without logging ({@link UnsupportedFormatException}) or whose strip or tile buffers
     * are out of proportion to the image ({@link ImageTooLargeException}).
     *
     * @param header what {@link #probe} read from {@code input}
     * @return {@code header}, or a copy whose defect says that compressed data does not decode to
     *         what the image needs ({@link TiffStreams}): strict decoding then refuses it, lenient
     *         decoding marks the result partial
     */
    public static ImageHeader checkDecoder(ByteBuffer input, ImageHeader header) {
        ByteReader s = new ByteReader(input);
        Tiff t = Tiff.open(s);
        long ifd = t.firstIfd();
        long photometric = t.read(ifd, Tiff.TAG_PHOTOMETRIC)[0];
        int spp = header.channels();
        int bits = header.bitDepth();
        checkCompression(t, ifd);
        if (header.variant() != ImageHeader.Variant.JDK_IMAGEIO) {
            checkDecodable(t, ifd, photometric, bits, spp);
        }
        checkPages(t, ifd);
        checkBlockBuffers(t, ifd, header.width(), header.height(), spp, bits);
        String streams = header.defect() == null ? TiffStreams.defect(s, header) : null;
        return streams == null ? header : header.withDefect(streams);
    }

    private static ColorModel colorModel(long photometric) {
        return switch ((int) Math.min(photometric, Integer.MAX_VALUE)) {
            case 0, 1 -> ColorModel.GRAY;
            case 2 -> ColorModel.RGB;
            case 3 -> ColorModel.PALETTE;
            case 5 -> ColorModel.CMYK;
            case 6 -> ColorModel.YCBCR;
            default -> ColorModel.UNKNOWN;
        };
    }

    /** Refuses a compression neither decoder is given (see {@link #COMPRESSIONS}). */
    private static void checkCompression(Tiff t, long ifd) {
        long stored = t.read(ifd, Tiff.TAG_COMPRESSION)[0];
        long compression = stored < 0 ? 1 : stored;
        if (java.util.Arrays.stream(COMPRESSIONS).noneMatch(c -> c == compression)) {
            throw unsupported("compression " + compression + " is not one the decoder handles");
        }
    }

    /** Refuses the field combinations OpenCV 4.9 cannot decode (each would log on stderr). */
    private static void checkDecodable(Tiff t, long ifd, long photometric, int bits, int spp) {
        long[] v = t.read(ifd, TAG_SAMPLE_FORMAT);
        if (photometric < 0) {
            throw unsupported("no PhotometricInterpretation tag");
        }
        if (photometric > 6 || photometric == 4) {
            throw unsupported("PhotometricInterpretation " + photometric + " is not supported by the decoder");
        }
        if (spp < 1 || spp > 4) {
            throw unsupported(spp + " samples per pixel (the decoder takes 1 to 4)");
        }
        boolean bitsOk = switch (bits) {
            case 1, 8, 10, 12, 14, 16, 32, 64 -> true;
            case 4 -> photometric == 3;
            default -> false;
        };
        if (!bitsOk) {
            throw unsupported(bits + " bits per sample" + (bits == 4 ? " outside a palette image" : ""));
        }
        if (bits > 8 && photometric > 2) {
            throw unsupported(bits + "-bit samples with PhotometricInterpretation " + photometric);
        }
        long sampleFormat = v[0] < 0 ? 1 : v[0];
        if (sampleFormat < 1 || sampleFormat > 3 || sampleFormat == 3 && bits < 32) {
            throw unsupported("SampleFormat " + sampleFormat + " with " + bits + " bits per sample");
        }
    }

    /** Refuses a page chain longer than {@link #MAX_PAGES}, or one that loops back. */
    private static void checkPages(Tiff t, long first) {
        java.util.Set<Long> seen = new java.util.HashSet<>(); // at most MAX_PAGES offsets
        long ifd = first;
        while (ifd > 0) {
            if (!seen.add(ifd)) {
                throw HeaderChecks.corrupt(Format.TIFF, "the page chain loops back to offset " + ifd);
            }
            if (seen.size() > MAX_PAGES) {
                throw unsupported("more than " + MAX_PAGES + " pages");
            }
            ifd = t.nextIfd(ifd); // 0 after the last page, -1 where the chain leaves the data: libtiff stops there too
        }
    }

    private static UnsupportedFormatException unsupported(String what) {
        return new UnsupportedFormatException("TIFF: " + what);
    }

    /** The strip or tile layout of the IFD at {@code ifd} of a {@code w} × {@code h} image. */
    static Blocks blocks(Tiff t, long ifd, long w, long h, long spp) {
        long[] v = t.read(ifd, Tiff.TAG_ROWS_PER_STRIP, Tiff.TAG_PLANAR_CONFIG, Tiff.TAG_TILE_WIDTH, Tiff.TAG_TILE_LENGTH);
        boolean tiled = v[2] > 0 && v[3] > 0;
        long width = tiled ? v[2] : w;
        long rows = tiled ? v[3] : v[0] <= 0 || v[0] > h ? h : v[0];
        long across = tiled ? (w + width - 1) / width : 1;
        long down = (h + rows - 1) / rows;
        return new Blocks(tiled, width, rows, across, down, v[1] == 2 && spp > 1 ? spp : 1);
    }

    /**
     * The bytes OpenCV and libtiff hold for one strip or tile: OpenCV's block buffer (32-bit RGBA
     * for 8-bit output, the stored samples for deeper output, at most 4 bytes a pixel more when
     * unpacking) plus libtiff's decoded block ({@code spp} samples of {@code bits}).
     */
    static long blockBufferBytes(Blocks b, long spp, long bits) {
        long bytesPerSample = (Math.max(1, bits) + 7) / 8;
        return Math.multiplyExact(Math.multiplyExact(b.width(), b.rows()), 4 + spp * bytesPerSample);
    }

    /**
     * Refuses a strip or tile whose buffers are out of proportion to the image: more than
     * {@link #BLOCK_BYTES_FLOOR}, and more than twice the image at 4 bytes a pixel. A legitimate
     * single strip of a large image passes here and is weighed against the limits by
     * {@link SizeLimits}. Tiles must also be multiples of 16 (TIFF 6.0), which keeps their count,
     * and libtiff's offset arrays, proportional to the image.
     */
    private static void checkBlockBuffers(Tiff t, long ifd, long w, long h, long spp, long bits) {
        Blocks b = blocks(t, ifd, w, h, spp);
        if (b.tiled() && (b.width() % 16 != 0 || b.rows() % 16 != 0 || b.width() > 1 << 24 || b.rows() > 1 << 24)) {
            throw unsupported("tile size " + b.width() + "x" + b.rows() + " is not a multiple of 16 up to 2^24");
        }
        long block;
        try {
            block = blockBufferBytes(b, spp, bits);
        } catch (ArithmeticException e) {
            block = Long.MAX_VALUE;
        }
        long proportional = 2 * 4 * w * h;
        if (block > Math.max(BLOCK_BYTES_FLOOR, proportional)) {
            throw new ImageTooLargeException("TIFF: one " + (b.tiled() ? "tile" : "strip") + " of " + b.width() + "x"
                    + b.rows() + " needs " + block + " bytes of decoder buffers for a " + w + "x" + h + " image (at most "
                    + Math.max(BLOCK_BYTES_FLOOR, proportional) + ")");
        }
    }

    /** The decoder buffers one strip or tile of a checked TIFF takes; 0 when the data is not a readable TIFF. */
    public static long blockBufferBytes(ByteReader s) {
        try {
            Tiff t = Tiff.open(s);
            if (t == null) {
                return 0;
            }
            long ifd = t.firstIfd();
            long[] v = t.read(ifd, Tiff.TAG_WIDTH, Tiff.TAG_HEIGHT, Tiff.TAG_BITS_PER_SAMPLE, Tiff.TAG_SAMPLES_PER_PIXEL);
            long spp = v[3] < 0 ? 1 : v[3];
            return blockBufferBytes(blocks(t, ifd, v[0], v[1], spp), spp, v[2] < 0 ? 1 : v[2]);
        } catch (ByteReader.OutOfData | ArithmeticException e) {
            return 0;
        }
    }
}
