package dev.imbytes.internal.colour;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.lang.reflect.Array;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * One source profile's conversion to sRGB through the JDK's colour management (LittleCMS inside
 * the JDK), prepared once per profile by {@link SrgbConversions} and shared by every thread.
 *
 * <p>8-bit RGB samples under a matrix/TRC profile (Display P3, Adobe RGB, ProPhoto...) are
 * converted in Java by a {@link MatrixShaper}, the same arithmetic as LittleCMS's own 8-bit
 * matrix-shaper path, which is used only when it agrees with the JDK's transform within
 * {@link #FAST_TOLERANCE} level on a grid of 140,608 colours checked when the profile is prepared:
 * the JDK's ColorConvertOp spends about 12 ns a pixel in its generic formatters, this about a fifth.
 *
 * <p>Other RGB profiles, 16-bit RGB and CMYK go through a {@link ColorConvertOp} on {@link BufferedImage}s that wrap
 * the pixel arrays in place (no per-pixel Java code); grey profiles are a tone curve, so they are a
 * lookup table computed once through the same engine and then applied in Java. Alpha is never
 * touched. {@code ColorConvertOp} is not documented as thread-safe and caches its LCMS transform,
 * so each thread borrows one from a small pool instead of sharing one or building one per call
 * (building the transform costs more than converting a thumbnail).
 */
public final class SrgbConversion {

    /** The colour space of the source profile, which decides how the samples are read. */
    public enum Kind {
        /** Three colour samples (RGB, or YCbCr decoded to RGB). */
        RGB,
        /** One grey sample. */
        GREY,
        /** Four ink samples (CMYK JPEGs, converted while decoding). */
        CMYK
    }

    private static final ICC_ColorSpace SRGB = (ICC_ColorSpace) ColorSpace.getInstance(ColorSpace.CS_sRGB);
    /** The most an 8-bit sample of the Java matrix/TRC path may differ from the JDK's for it to be used. */
    static final int FAST_TOLERANCE = 1;
    /** The spacing of the 8-bit grid (0, 5, ... 255 on each axis: 140,608 colours) checked against the JDK. */
    private static final int CHECK_STEP = 5;

    private final Kind kind;
    private final ICC_ColorSpace source;
    private final String description;
    private final Queue<ColorConvertOp> idle = new ConcurrentLinkedQueue<>();
    private final byte[] grey8;
    private volatile char[] grey16;
    /** The 8-bit RGB conversion in Java, when the profile is matrix/TRC and it matches the JDK's; else null. */
    private final MatrixShaper fast;
    /** The largest difference, in 8-bit levels, between the matrix/TRC path and the JDK on the check grid (-1: not matrix/TRC). */
    private final int fastMaxDifference;

    SrgbConversion(Kind kind, ICC_ColorSpace source, String description) {
        this.kind = kind;
        this.source = source;
        this.description = description;
        this.grey8 = kind == Kind.GREY ? greyCurve8() : null;
        MatrixShaper shaper = kind == Kind.RGB ? MatrixShaper.of(source.getProfile(), SRGB.getProfile()) : null;
        int difference = shaper == null ? -1 : maxDifference(shaper, CHECK_STEP);
        this.fast = difference >= 0 && difference <= FAST_TOLERANCE ? shaper : null;
        this.fastMaxDifference = difference;
        if (kind == Kind.CMYK) {
            cmykToBgr(new byte[4], 1, 1); // builds the transform now, so that a profile LittleCMS refuses fails here
        }
    }

    /** Which samples the profile describes. */
    public Kind kind() {
        return kind;
    }

    /** The profile's description, for messages. */
    public String description() {
        return description;
    }

    /**
     * Converts a BGR, BGRA or grey Mat of 8 or 16 bits a sample to sRGB in place. A grey profile
     * applied to a colour Mat (a grey file decoded in colour) maps each colour sample through the
     * curve; an RGB profile and a one-channel Mat (an RGB file decoded in greyscale mode) are left
     * as they are, since the colour the grey came from is gone.
     *
     * @return whether the pixels were converted
     */
    public boolean convertInPlace(Mat image) {
        int depth = image.depth();
        int channels = image.channels();
        if (depth != CvType.CV_8U && depth != CvType.CV_16U || channels != 1 && channels != 3 && channels != 4) {
            return false; // float samples (HDR, EXR, float TIFF) carry no display encoding to convert
        }
        if (kind == Kind.GREY) {
            mapGrey(image, depth, channels);
            return true;
        }
        if (kind != Kind.RGB || channels == 1) {
            return false;
        }
        if (fast != null && depth == CvType.CV_8U) {
            int n = image.cols() * image.rows();
            byte[] data = new byte[n * channels];
            image.get(0, 0, data);
            fast.apply(data, n, channels); // BGRA: the alpha samples are stepped over
            image.put(0, 0, data);
            return true;
        }
        return convertThroughJdk(image);
    }

    /** {@link #convertInPlace} through the JDK's ColorConvertOp whatever the profile (RGB profiles only). */
    boolean convertThroughJdk(Mat image) {
        int depth = image.depth();
        int channels = image.channels();
        int w = image.cols();
        int h = image.rows();
        int n = w * h;
        // The JDK's LittleCMS takes its fast path only for packed samples: BGRA is converted
        // through a packed BGR copy, and the alpha samples stay where they are.
        Object data = depth == CvType.CV_8U ? new byte[n * channels] : new short[n * channels];
        Object bgr = channels == 3 ? data : Array.newInstance(data.getClass().getComponentType(), n * 3);
        Object out = Array.newInstance(data.getClass().getComponentType(), n * 3);
        samples(image, data, false);
        copyPixels(data, channels, bgr, 3, n);
        convert(bgrImage(source, buffer(bgr), w, h), bgrImage(SRGB, buffer(out), w, h));
        if (channels == 3) {
            samples(image, out, true);
        } else {
            copyPixels(out, 3, data, channels, n);
            samples(image, data, true);
        }
        return true;
    }

    /** Copies the first three samples of each of {@code pixels} pixels (nothing when they are the same array). */
    private static void copyPixels(Object from, int fromChannels, Object to, int toChannels, int pixels) {
        if (from == to) {
            return;
        }
        for (int p = 0, s = 0, d = 0; p < pixels; p++, s += fromChannels, d += toChannels) {
            System.arraycopy(from, s, to, d, 3);
        }
    }

    /** Reads ({@code put} false) or writes the Mat's samples from or to a byte[] or short[]. */
    private static void samples(Mat image, Object array, boolean put) {
        if (array instanceof byte[] bytes) {
            if (put) {
                image.put(0, 0, bytes);
            } else {
                image.get(0, 0, bytes);
            }
        } else if (put) {
            image.put(0, 0, (short[]) array);
        } else {
            image.get(0, 0, (short[]) array);
        }
    }

    private static DataBuffer buffer(Object array) {
        return array instanceof byte[] bytes ? new DataBufferByte(bytes, bytes.length)
                : new DataBufferUShort((short[]) array, ((short[]) array).length);
    }

    /**
     * Converts interleaved CMYK ink amounts (0 = no ink, as ICC profiles define them) to
     * interleaved B, G, R bytes.
     */
    public byte[] cmykToBgr(byte[] cmyk, int width, int height) {
        if (kind != Kind.CMYK) {
            throw new IllegalStateException("not a CMYK profile: " + description);
        }
        byte[] bgr = new byte[width * height * 3];
        WritableRaster inks = Raster.createInterleavedRaster(new DataBufferByte(cmyk, cmyk.length), width, height,
                width * 4, 4, new int[] {0, 1, 2, 3}, null);
        convert(image(source, inks, DataBuffer.TYPE_BYTE), bgrImage(SRGB, new DataBufferByte(bgr, bgr.length), width,
                height));
        return bgr;
    }

    private void convert(BufferedImage from, BufferedImage to) {
        ColorConvertOp op = idle.poll();
        if (op == null) {
            op = new ColorConvertOp(null); // from the source image's colour space to the target's
        }
        op.filter(from, to);
        idle.offer(op);
    }

    /** An image over packed samples in OpenCV's order (B, G, R). */
    private static BufferedImage bgrImage(ICC_ColorSpace space, DataBuffer data, int w, int h) {
        WritableRaster raster = Raster.createInterleavedRaster(data, w, h, w * 3, 3, new int[] {2, 1, 0}, null);
        return image(space, raster, data.getDataType());
    }

    private static BufferedImage image(ICC_ColorSpace space, WritableRaster raster, int dataType) {
        ComponentColorModel model = new ComponentColorModel(space, false, false, Transparency.OPAQUE, dataType);
        return new BufferedImage(model, raster, false, null);
    }

    private void mapGrey(Mat image, int depth, int channels) {
        int n = image.cols() * image.rows() * channels;
        int colour = channels == 4 ? 3 : channels; // BGRA: the alpha sample keeps its value
        if (depth == CvType.CV_8U) {
            byte[] data = new byte[n];
            image.get(0, 0, data);
            for (int i = 0; i < n; i += channels) {
                for (int c = 0; c < colour; c++) {
                    data[i + c] = grey8[data[i + c] & 0xFF];
                }
            }
            image.put(0, 0, data);
        } else {
            char[] curve = greyCurve16();
            short[] data = new short[n];
            image.get(0, 0, data);
            for (int i = 0; i < n; i += channels) {
                for (int c = 0; c < colour; c++) {
                    data[i + c] = (short) curve[data[i + c] & 0xFFFF];
                }
            }
            image.put(0, 0, data);
        }
    }

    /** Every 8-bit grey level through the profile into sRGB (neutral in, neutral out: the green sample). */
    private byte[] greyCurve8() {
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) i;
        }
        byte[] rgb = new byte[256 * 3];
        convert(image(source, Raster.createInterleavedRaster(new DataBufferByte(ramp, 256), 256, 1, 256, 1,
                new int[] {0}, null), DataBuffer.TYPE_BYTE), bgrImage(SRGB, new DataBufferByte(rgb, rgb.length), 256, 1));
        byte[] curve = new byte[256];
        for (int i = 0; i < 256; i++) {
            curve[i] = rgb[i * 3 + 1];
        }
        return curve;
    }

    /** As {@link #greyCurve8()} for 16-bit samples; made on first use (65,536 levels). */
    private char[] greyCurve16() {
        char[] curve = grey16;
        if (curve == null) {
            short[] ramp = new short[65536];
            for (int i = 0; i < ramp.length; i++) {
                ramp[i] = (short) i;
            }
            short[] rgb = new short[ramp.length * 3];
            convert(image(source, Raster.createInterleavedRaster(new DataBufferUShort(ramp, ramp.length), 256, 256,
                    256, 1, new int[] {0}, null), DataBuffer.TYPE_USHORT),
                    bgrImage(SRGB, new DataBufferUShort(rgb, rgb.length), 256, 256));
            curve = new char[ramp.length];
            for (int i = 0; i < curve.length; i++) {
                curve[i] = (char) rgb[i * 3 + 1];
            }
            grey16 = curve;
        }
        return curve;
    }

    /** Whether 8-bit RGB samples go through the Java matrix/TRC path rather than the JDK's ColorConvertOp. */
    boolean hasFastPath() {
        return fast != null;
    }

    /** The largest difference between the Java path and the JDK's on the check grid, in 8-bit levels (-1: none). */
    int fastPathMaxDifference() {
        return fastMaxDifference;
    }

    /**
     * The largest difference, in 8-bit levels, between {@code shaper} and the JDK's transform over
     * every colour whose samples are multiples of {@code step} (and 255).
     */
    int maxDifference(MatrixShaper shaper, int step) {
        int steps = 255 / step + (255 % step == 0 ? 1 : 2);
        int n = steps * steps * steps;
        byte[] grid = new byte[n * 3];
        int p = 0;
        for (int b = 0; b < steps; b++) {
            for (int g = 0; g < steps; g++) {
                for (int r = 0; r < steps; r++) {
                    grid[p++] = (byte) Math.min(255, b * step);
                    grid[p++] = (byte) Math.min(255, g * step);
                    grid[p++] = (byte) Math.min(255, r * step);
                }
            }
        }
        byte[] jdk = new byte[grid.length];
        convert(bgrImage(source, new DataBufferByte(grid, grid.length), n, 1),
                bgrImage(SRGB, new DataBufferByte(jdk, jdk.length), n, 1));
        shaper.apply(grid, n, 3);
        int max = 0;
        for (int i = 0; i < grid.length; i++) {
            max = Math.max(max, Math.abs((grid[i] & 0xFF) - (jdk[i] & 0xFF)));
        }
        return max;
    }

    /** Whether this conversion changes no 8-bit sample by more than {@code tolerance} (an sRGB profile). */
    boolean isIdentity(int tolerance) {
        if (kind == Kind.GREY) {
            for (int i = 0; i < 256; i++) {
                if (Math.abs((grey8[i] & 0xFF) - i) > tolerance) {
                    return false;
                }
            }
            return true;
        }
        if (kind != Kind.RGB) {
            return false;
        }
        int steps = 9;
        byte[] grid = new byte[steps * steps * steps * 3];
        int p = 0;
        for (int b = 0; b < steps; b++) {
            for (int g = 0; g < steps; g++) {
                for (int r = 0; r < steps; r++) {
                    grid[p++] = (byte) Math.min(255, b * 32);
                    grid[p++] = (byte) Math.min(255, g * 32);
                    grid[p++] = (byte) Math.min(255, r * 32);
                }
            }
        }
        byte[] out = grid.clone();
        convert(bgrImage(source, new DataBufferByte(grid, grid.length), grid.length / 3, 1),
                bgrImage(SRGB, new DataBufferByte(out, out.length), out.length / 3, 1));
        for (int i = 0; i < grid.length; i++) {
            if (Math.abs((grid[i] & 0xFF) - (out[i] & 0xFF)) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
