package dev.imbytes.internal.codec;

import dev.imbytes.internal.awt.BufferedImages;
import dev.imbytes.internal.nativelib.MatScope;
import dev.imbytes.internal.probe.ImageHeader;

import dev.imbytes.CorruptImageException;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.ImageTooLargeException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.w3c.dom.Node;

/**
 * The files OpenCV 4.9 cannot read but the JDK's ImageIO can: the first frame of a GIF (OpenCV has
 * no GIF codec), and CIELab, planar 16-bit and associated-alpha TIFFs. Only the pipeline calls it,
 * after the probe recognised the format, the allow-list admitted it and the limits passed, so the
 * JDK never sees bytes imbytes has not checked. The reader is the JDK's own for the probed format,
 * fed from memory ({@link JdkReaders}); the first image only is read.
 *
 * <p>The result has OpenCV's layout for unchanged decoding: grey, BGR or BGRA, 8 or 16 bits, alpha
 * not premultiplied. {@link Decoder} turns it into the requested mode.
 */
final class ImageIoDecoder {
    private static final String GIF_READER = "com.sun.imageio.plugins.gif.GIFImageReader";
    private static final String TIFF_READER = "com.sun.imageio.plugins.tiff.TIFFImageReader";
    private static final String GIF_IMAGE_METADATA = "javax_imageio_gif_image_1.0";

    /** Largest image the JDK can hold: its samples go in one Java array (16-bit RGBA: 4 shorts a pixel). */
    private static final long MAX_SAMPLES = Integer.MAX_VALUE - 16;

    private ImageIoDecoder() {
    }

    /** The first image of checked {@code input}, unchanged, as a Mat owned by {@code scope}. */
    static Mat decode(ByteBuffer input, ImageHeader header, MatScope scope) {
        if ((long) header.width() * header.height() * 4 > MAX_SAMPLES) {
            throw new ImageTooLargeException(Decoder.describe(header) + " does not fit in one Java array for the JDK's reader");
        }
        boolean gif = header.format() == Format.GIF;
        ImageReader reader = gif ? JdkReaders.reader("gif", GIF_READER, Decoder.describe(header))
                : JdkReaders.reader("tiff", TIFF_READER, Decoder.describe(header));
        try (ImageInputStream in = JdkReaders.memoryStream(input)) {
            reader.setInput(in, true, !gif); // a GIF frame's position is in its metadata
            BufferedImage image = reader.read(0);
            if (gif) {
                return onCanvas(image, reader.getImageMetadata(0), header, scope);
            }
            // CIELab comes back in linear RGB: the JDK's own colour conversion makes it sRGB (8 bits)
            boolean linear = image.getColorModel().getColorSpace() == ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB);
            return linear ? BufferedImages.toMat(image, scope) : samples(image, header, scope);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageException) {
                throw (ImageException) e;
            }
            throw new CorruptImageException(Decoder.describe(header) + " could not be decoded by the JDK's "
                    + header.format() + " reader: " + e, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * A GIF's first frame on its canvas (the probe's size: the logical screen widened to the
     * frames). A frame smaller than the canvas is placed at its offset on a transparent canvas,
     * the way browsers and Pillow show the first frame.
     */
    private static Mat onCanvas(BufferedImage frame, IIOMetadata metadata, ImageHeader header, MatScope scope) {
        Mat pixels = BufferedImages.toMat(frame, scope);
        int w = header.width();
        int h = header.height();
        if (frame.getWidth() == w && frame.getHeight() == h) {
            return pixels;
        }
        Node descriptor = child(metadata.getAsTree(GIF_IMAGE_METADATA), "ImageDescriptor");
        int x = attribute(descriptor, "imageLeftPosition");
        int y = attribute(descriptor, "imageTopPosition");
        if (x < 0 || y < 0 || (long) x + frame.getWidth() > w || (long) y + frame.getHeight() > h) {
            throw new CorruptImageException(Decoder.describe(header) + ": the first frame (" + frame.getWidth() + "x"
                    + frame.getHeight() + " at " + x + "," + y + ") leaves the canvas");
        }
        return Decoder.placeOnTransparentCanvas(pixels, x, y, w, h, scope);
    }

    private static Node child(Node parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (name.equals(n.getNodeName())) {
                return n;
            }
        }
        throw new IllegalStateException("no " + name + " in the GIF frame's metadata");
    }

    private static int attribute(Node node, String name) {
        return Integer.parseInt(node.getAttributes().getNamedItem(name).getNodeValue());
    }

    /**
     * A TIFF's samples as grey, grey + alpha (given as BGRA, as OpenCV does), RGB or RGBA in OpenCV's
     * B, G, R, A order, at their stored 8 or 16 bits; associated alpha is divided out.
     */
    private static Mat samples(BufferedImage image, ImageHeader header, MatScope scope) {
        Raster raster = image.getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        if (w != header.width() || h != header.height() || bands < 1 || bands > 4) {
            throw new CorruptImageException(Decoder.describe(header) + ": the JDK's reader returned " + w + "x" + h
                    + " with " + bands + " samples a pixel");
        }
        boolean deep = raster.getTransferType() == DataBuffer.TYPE_USHORT;
        int max = deep ? 65535 : 255;
        boolean premultiplied = image.getColorModel().isAlphaPremultiplied();
        int channels = bands == 2 ? 4 : bands;
        int[] row = new int[w * bands];
        short[] wide = deep ? new short[w * channels] : null;
        byte[] narrow = deep ? null : new byte[w * channels];
        Mat out = scope.own(new Mat(h, w, CvType.makeType(deep ? CvType.CV_16U : CvType.CV_8U, channels)));
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int i = x * bands;
                int o = x * channels;
                int alpha = bands == 2 || bands == 4 ? row[i + bands - 1] : max;
                for (int c = 0; c < channels; c++) {
                    int v = sample(row, i, bands, channels, c, alpha, max, premultiplied);
                    if (deep) {
                        wide[o + c] = (short) v;
                    } else {
                        narrow[o + c] = (byte) v;
                    }
                }
            }
            if (deep) {
                out.put(y, 0, wide);
            } else {
                out.put(y, 0, narrow);
            }
        }
        return out;
    }

    /**
     * Output channel {@code c} (B, G, R, A order; grey alone when one band) of the pixel at
     * {@code row[i]}, un-premultiplied when {@code premultiplied}: colour × max / alpha, rounded.
     */
    private static int sample(int[] row, int i, int bands, int channels, int c, int alpha, int max, boolean premultiplied) {
        if (channels == 1) {
            return row[i];
        }
        if (c == 3) {
            return alpha;
        }
        int v = bands <= 2 ? row[i] : row[i + 2 - c];
        if (!premultiplied || alpha == max) {
            return v;
        }
        return alpha == 0 ? 0 : (int) Math.min(max, ((long) v * max + alpha / 2) / alpha);
    }
}
