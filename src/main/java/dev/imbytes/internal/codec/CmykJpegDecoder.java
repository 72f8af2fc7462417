package dev.imbytes.internal.codec;

import dev.imbytes.internal.colour.SrgbConversion;

import dev.imbytes.CorruptImageException;
import dev.imbytes.ImageTooLargeException;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes 4-component (CMYK or YCCK) JPEGs to 8-bit BGR through the JDK's JPEG raster reader (no
 * colour management), because OpenCV 4.9 cannot do so correctly in every case.
 *
 * <p>What OpenCV 4.9 does (checked on this build): it decodes Adobe CMYK/YCCK files itself and
 * always treats the samples as Adobe-inverted (0 = full ink), with an approximate {@code >> 8}
 * instead of {@code / 255}; on {@code pil_sample_cmyk.jpg} (YCCK) it is within 2 levels of
 * libjpeg-turbo's {@code djpeg}. A 4-component JPEG <em>without</em> an Adobe marker, whose samples
 * are plain ink amounts (0 = no ink), comes out nearly black from OpenCV. This class lets the caller
 * say which convention the file uses.
 *
 * <p>The pipeline:
 * <ol>
 *   <li>{@link ImageReader#readRaster} of the JDK's reader returns the components as stored in the
 *       file, with no colour conversion: for an Adobe transform=2 file these are Y, Cb, Cr, K (verified:
 *       the top-left red bar of {@code pil_sample_cmyk.jpg} reads as 168, 163, 8, 255, plainly not
 *       CMYK samples, and converting them as below reproduces {@code djpeg} exactly).</li>
 *   <li>YCCK → CMYK: Y, Cb, Cr go through the JFIF full-range YCbCr → RGB equations, and each
 *       result is complemented ({@code C = 255 - R'}, and so on); K passes through. This is what the
 *       Adobe YCCK transform defines (the encoder complemented C, M, Y into "RGB" and coded those as
 *       YCbCr) and what libjpeg's YCCK → CMYK step does, so the C, M, Y obtained are in the same
 *       convention as a plain CMYK file's stored samples.</li>
 *   <li>CMYK → RGB, naive, with no ICC profile: with Adobe-inverted samples (s = 255 - ink) the
 *       subtractive model {@code R = 255 (1 - c)(1 - k)} in normalised ink amounts becomes
 *       {@code R = C_stored * K_stored / 255}, rounded to nearest; with plain samples the stored values
 *       are complemented first. This is the conversion libjpeg-turbo's {@code djpeg} and ImageMagick
 *       (without profiles) use, for files without an ICC profile. With a profile (and
 *       {@code DecodeOptions.convertToSrgb()}), the ink amounts go through it to sRGB instead
 *       ({@link SrgbConversion#cmykToBgr}), as real presses need.</li>
 * </ol>
 *
 * <p>Nothing touches the disk: the input is read through a {@link MemoryCacheImageInputStream}
 * (not {@link ImageIO#createImageInputStream}, which may use a file cache, and without changing the
 * global {@link ImageIO#setUseCache} setting).
 */
public final class CmykJpegDecoder {
    private CmykJpegDecoder() {
    }

    /**
     * A decoded image.
     *
     * @param width  width in pixels
     * @param height height in pixels
     * @param bgr    interleaved B, G, R bytes, row-major, {@code width * height * 3} of them
     */
    public record DecodedBgr(int width, int height, byte[] bgr) {
    }

    /** The class name of the JDK's own JPEG reader, whose raster semantics were verified here. */
    private static final String JDK_READER = "com.sun.imageio.plugins.jpeg.JPEGImageReader";

    /** Largest raster the JDK reader can even allocate: 4 bytes a pixel in one Java byte array. */
    private static final long MAX_PIXELS = (Integer.MAX_VALUE - 16) / 4;

    /** MUL[a << 8 | b] = round(a * b / 255): the product of two inverted samples. */
    private static final byte[] MUL = new byte[256 * 256];

    // YCbCr -> RGB contributions, scaled by 2^16 (JFIF full range; Cb and Cr centred on 128).
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CB_G = new int[256];
    private static final int[] CR_G = new int[256];

    static {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                MUL[a << 8 | b] = (byte) ((a * b + 127) / 255);
            }
        }
        final double one = 1 << 16;
        for (int i = 0; i < 256; i++) {
            int d = i - 128;
            CR_R[i] = (int) Math.round(1.402 * one * d);
            CB_B[i] = (int) Math.round(1.772 * one * d);
            CB_G[i] = (int) Math.round(-0.344136 * one * d);
            CR_G[i] = (int) Math.round(-0.714136 * one * d);
        }
    }

    /**
     * Decodes a 4-component JPEG.
     *
     * @param jpeg          the whole file (position..limit, not modified)
     * @param ycck          true when the Adobe APP14 transform flag is 2 (YCCK), false for plain
     *                      CMYK (transform 0 or no Adobe marker)
     * @param adobeInverted true when an Adobe APP14 marker is present (Adobe writes CMYK inverted:
     *                      0 = full ink)
     * @param profile       the file's CMYK ICC profile to convert through, or null for the naive
     *                      formula above
     * @return the image as interleaved BGR bytes
     * @throws CorruptImageException  when the JDK reader fails or reports corrupt (e.g. truncated)
     *                                entropy-coded data; the message names JPEG, the size and the cause
     * @throws ImageTooLargeException when the image cannot fit in a Java array at all
     */
    public static DecodedBgr decode(ByteBuffer jpeg, boolean ycck, boolean adobeInverted, SrgbConversion profile) {
        int length = jpeg.remaining();
        ByteArrayInputStream bytes;
        if (jpeg.hasArray()) {
            bytes = new ByteArrayInputStream(jpeg.array(), jpeg.arrayOffset() + jpeg.position(), length);
        } else {
            byte[] copy = new byte[length];
            jpeg.duplicate().get(copy); // duplicate: the caller's position stays where it was
            bytes = new ByteArrayInputStream(copy);
        }
        Raster raster = readRaster(bytes, length);
        int w = raster.getWidth();
        int h = raster.getHeight();
        if (profile != null) {
            byte[] inks = new byte[w * h * 4]; // cannot overflow: w * h * 4 was checked in readRaster
            convert(raster, ycck, adobeInverted, inks, true);
            return new DecodedBgr(w, h, profile.cmykToBgr(inks, w, h));
        }
        byte[] bgr = new byte[w * h * 3];
        convert(raster, ycck, adobeInverted, bgr, false);
        return new DecodedBgr(w, h, bgr);
    }

    private static Raster readRaster(ByteArrayInputStream bytes, int length) {
        ImageReader reader = jpegReader(length);
        List<String> corruption = new ArrayList<>();
        String size = length + " bytes";
        // MemoryCacheImageInputStream keeps what it has read in memory; closing it does not close
        // the ByteArrayInputStream, which holds nothing to release anyway.
        try (ImageInputStream in = new MemoryCacheImageInputStream(bytes)) {
            // libjpeg reports data it had to make up (a truncated or damaged scan) only as a warning
            // beginning "Corrupt JPEG data"; the JDK passes it to this listener and then returns
            // grey-filled pixels. Those are treated as corruption. A bare missing EOI marker, after
            // which every pixel is still there, is not (OpenCV accepts such files too).
            reader.addIIOReadWarningListener((source, warning) -> {
                if (warning != null && warning.startsWith("Corrupt JPEG data")) {
                    corruption.add(warning);
                }
            });
            reader.setInput(in, true, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            size = w + "x" + h + ", " + length + " bytes";
            if (w <= 0 || h <= 0) {
                throw new CorruptImageException("JPEG (" + size + "): the JDK reader reports no pixels");
            }
            if ((long) w * h > MAX_PIXELS) {
                throw new ImageTooLargeException("JPEG (" + size + "): a 4-component image of "
                        + ((long) w * h) + " pixels does not fit in one Java array");
            }
            Raster raster = reader.readRaster(0, null);
            if (raster.getWidth() != w || raster.getHeight() != h) {
                throw new CorruptImageException("JPEG (" + size + "): the JDK reader returned a "
                        + raster.getWidth() + "x" + raster.getHeight() + " raster");
            }
            if (raster.getNumBands() != 4) {
                throw new CorruptImageException("JPEG (" + size + "): expected 4 components (CMYK or YCCK), found "
                        + raster.getNumBands());
            }
            if (!corruption.isEmpty()) {
                throw new CorruptImageException("JPEG (" + size + "): corrupt or truncated data: "
                        + String.join("; ", corruption));
            }
            return raster;
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptImageException || e instanceof ImageTooLargeException) {
                throw (RuntimeException) e;
            }
            throw new CorruptImageException("JPEG (" + size + "): the JDK reader failed: " + e, e);
        } finally {
            reader.dispose();
        }
    }

    /** The JDK's own JPEG reader when registered (a plug-in such as TwelveMonkeys may come first). */
    private static ImageReader jpegReader(int length) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (chosen == null && JDK_READER.equals(r.getClass().getName())) {
                chosen = r;
            } else {
                r.dispose();
            }
        }
        if (chosen == null) {
            // Other readers may already convert YCCK in readRaster, so results would be wrong.
            throw new CorruptImageException("JPEG (" + length + " bytes): the JDK's JPEG reader ("
                    + JDK_READER + ") is not available to decode CMYK");
        }
        return chosen;
    }

    /** Writes each pixel as B, G, R or, with {@code inks}, as the C, M, Y, K ink amounts (0 = none) a profile expects. */
    private static void convert(Raster raster, boolean ycck, boolean adobeInverted, byte[] out, boolean inks) {
        int step = inks ? 4 : 3;
        int w = raster.getWidth();
        int h = raster.getHeight();
        SampleModel sm = raster.getSampleModel();
        DataBuffer db = raster.getDataBuffer();
        if (sm instanceof PixelInterleavedSampleModel pism && db instanceof DataBufferByte dbb
                && db.getNumBanks() == 1) {
            // Fast path (what the JDK reader returns): one interleaved byte array.
            byte[] src = dbb.getData();
            int ps = pism.getPixelStride();
            int ss = pism.getScanlineStride();
            int[] off = pism.getBandOffsets();
            // Array index of the first sample of raster pixel (minX, minY): the sample model sees
            // raster coordinates shifted by the translation, and the data buffer adds its offset.
            int base = dbb.getOffset()
                    + (raster.getMinX() - raster.getSampleModelTranslateX()) * ps
                    + (raster.getMinY() - raster.getSampleModelTranslateY()) * ss;
            int o0 = off[0];
            int o1 = off[1];
            int o2 = off[2];
            int o3 = off[3];
            int d = 0;
            for (int y = 0; y < h; y++) {
                int p = base + y * ss;
                for (int x = 0; x < w; x++, p += ps, d += step) {
                    pixel(src[p + o0] & 0xff, src[p + o1] & 0xff, src[p + o2] & 0xff, src[p + o3] & 0xff,
                            ycck, adobeInverted, out, d, inks);
                }
            }
        } else {
            // Any other layout: one row of samples at a time through the generic accessor.
            int[] row = new int[w * 4];
            int d = 0;
            for (int y = 0; y < h; y++) {
                raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
                for (int x = 0, s = 0; x < w; x++, s += 4, d += step) {
                    pixel(row[s] & 0xff, row[s + 1] & 0xff, row[s + 2] & 0xff, row[s + 3] & 0xff,
                            ycck, adobeInverted, out, d, inks);
                }
            }
        }
    }

    /**
     * Converts one pixel's four stored samples and writes B, G, R at {@code out[d..d+2]}, or with
     * {@code inks} C, M, Y, K ink amounts at {@code out[d..d+3]}.
     */
    private static void pixel(int s0, int s1, int s2, int k, boolean ycck, boolean adobeInverted,
                              byte[] out, int d, boolean inks) {
        int c;
        int m;
        int yel;
        if (ycck) {
            // s0, s1, s2 = Y, Cb, Cr. JFIF YCbCr -> R'G'B' (rounded fixed point), then C = 255 - R'.
            int yy = s0 << 16;
            c = 255 - clamp((yy + CR_R[s2] + 32768) >> 16);
            m = 255 - clamp((yy + CB_G[s1] + CR_G[s2] + 32768) >> 16);
            yel = 255 - clamp((yy + CB_B[s1] + 32768) >> 16);
        } else {
            c = s0;
            m = s1;
            yel = s2;
        }
        if (!adobeInverted) {
            // Plain samples are ink amounts (0 = none): complement them into the Adobe convention.
            c = 255 - c;
            m = 255 - m;
            yel = 255 - yel;
            k = 255 - k;
        }
        // Now every value is "255 - ink": R = C*K/255, G = M*K/255, B = Y*K/255.
        if (inks) {
            out[d] = (byte) (255 - c);
            out[d + 1] = (byte) (255 - m);
            out[d + 2] = (byte) (255 - yel);
            out[d + 3] = (byte) (255 - k);
            return;
        }
        out[d] = MUL[yel << 8 | k];
        out[d + 1] = MUL[m << 8 | k];
        out[d + 2] = MUL[c << 8 | k];
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
