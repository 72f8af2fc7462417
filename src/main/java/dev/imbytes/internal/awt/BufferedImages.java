package dev.imbytes.internal.awt;

import dev.imbytes.internal.nativelib.MatScope;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * {@link BufferedImage} ⇄ Mat with bulk array copies. The common types are read from and written to
 * their backing arrays directly (no per-pixel {@code getRGB} loop); any other layout goes through one
 * bulk {@code getRGB} call, which applies the JDK's exact colour-model rules.
 */
public final class BufferedImages {
    private BufferedImages() {
    }

    /** A new Mat owned by {@code scope}: BGR, BGRA, grey or 16-bit grey, as the image holds. */
    public static Mat toMat(BufferedImage image, MatScope scope) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        if (!isPlain(image)) {
            return viaArgb(image, scope);
        }
        switch (image.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR -> {
                return put(scope.own(new Mat(h, w, CvType.CV_8UC3)), bytes(raster));
            }
            case BufferedImage.TYPE_BYTE_GRAY -> {
                return put(scope.own(new Mat(h, w, CvType.CV_8UC1)), bytes(raster));
            }
            case BufferedImage.TYPE_USHORT_GRAY -> {
                Mat m = scope.own(new Mat(h, w, CvType.CV_16UC1));
                m.put(0, 0, ((DataBufferUShort) raster.getDataBuffer()).getData());
                return m;
            }
            case BufferedImage.TYPE_4BYTE_ABGR -> {
                byte[] abgr = bytes(raster);
                byte[] bgra = new byte[abgr.length];
                for (int i = 0; i < abgr.length; i += 4) {
                    bgra[i] = abgr[i + 1];
                    bgra[i + 1] = abgr[i + 2];
                    bgra[i + 2] = abgr[i + 3];
                    bgra[i + 3] = abgr[i];
                }
                return put(scope.own(new Mat(h, w, CvType.CV_8UC4)), bgra);
            }
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_BGR -> {
                int[] px = ((DataBufferInt) raster.getDataBuffer()).getData();
                boolean rgb = image.getType() == BufferedImage.TYPE_INT_RGB;
                byte[] bgr = new byte[px.length * 3];
                for (int i = 0, o = 0; i < px.length; i++, o += 3) {
                    int p = px[i];
                    int hi = p >> 16 & 0xff;
                    int lo = p & 0xff;
                    bgr[o] = (byte) (rgb ? lo : hi);
                    bgr[o + 1] = (byte) (p >> 8);
                    bgr[o + 2] = (byte) (rgb ? hi : lo);
                }
                return put(scope.own(new Mat(h, w, CvType.CV_8UC3)), bgr);
            }
            case BufferedImage.TYPE_INT_ARGB -> {
                int[] px = ((DataBufferInt) raster.getDataBuffer()).getData();
                byte[] bgra = new byte[px.length * 4];
                for (int i = 0, o = 0; i < px.length; i++, o += 4) {
                    int p = px[i];
                    bgra[o] = (byte) p;
                    bgra[o + 1] = (byte) (p >> 8);
                    bgra[o + 2] = (byte) (p >> 16);
                    bgra[o + 3] = (byte) (p >>> 24);
                }
                return put(scope.own(new Mat(h, w, CvType.CV_8UC4)), bgra);
            }
            case BufferedImage.TYPE_BYTE_INDEXED -> {
                return indexed(image, scope);
            }
            default -> {
                return viaArgb(image, scope);
            }
        }
    }

    /**
     * Any other layout: one bulk {@code getRGB} over the whole image, so every colour model (565, 555,
     * premultiplied, custom) is converted with the JDK's own exact rules.
     */
    private static Mat viaArgb(BufferedImage image, MatScope scope) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        boolean alpha = image.getColorModel().hasAlpha();
        int channels = alpha ? 4 : 3;
        byte[] out = new byte[argb.length * channels];
        for (int i = 0, o = 0; i < argb.length; i++, o += channels) {
            int p = argb[i];
            out[o] = (byte) p;
            out[o + 1] = (byte) (p >> 8);
            out[o + 2] = (byte) (p >> 16);
            if (alpha) {
                out[o + 3] = (byte) (p >>> 24);
            }
        }
        return put(scope.own(new Mat(h, w, alpha ? CvType.CV_8UC4 : CvType.CV_8UC3)), out);
    }

    private static Mat indexed(BufferedImage image, MatScope scope) {
        IndexColorModel cm = (IndexColorModel) image.getColorModel();
        int size = cm.getMapSize();
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        byte[] a = new byte[256];
        cm.getReds(r);
        cm.getGreens(g);
        cm.getBlues(b);
        cm.getAlphas(a);
        boolean alpha = cm.hasAlpha();
        int channels = alpha ? 4 : 3;
        byte[] index = bytes(image.getRaster());
        byte[] out = new byte[index.length * channels];
        for (int i = 0, o = 0; i < index.length; i++, o += channels) {
            int k = Math.min(index[i] & 0xff, size - 1);
            out[o] = b[k];
            out[o + 1] = g[k];
            out[o + 2] = r[k];
            if (alpha) {
                out[o + 3] = a[k];
            }
        }
        return put(scope.own(new Mat(image.getHeight(), image.getWidth(), alpha ? CvType.CV_8UC4 : CvType.CV_8UC3)), out);
    }

    /**
     * A new image holding {@code mat}'s pixels: {@code TYPE_BYTE_GRAY}, {@code TYPE_USHORT_GRAY},
     * {@code TYPE_3BYTE_BGR} or {@code TYPE_4BYTE_ABGR}. 16-bit colour and float images are scaled to
     * 8 bits. The Mat is not released.
     */
    public static BufferedImage fromMat(Mat mat, MatScope scope) {
        Mat m = mat.isContinuous() ? mat : scope.own(mat.clone());
        int c = m.channels();
        int depth = m.depth();
        if (c == 1 && depth == CvType.CV_16U) {
            BufferedImage img = new BufferedImage(m.cols(), m.rows(), BufferedImage.TYPE_USHORT_GRAY);
            m.get(0, 0, ((DataBufferUShort) img.getRaster().getDataBuffer()).getData());
            return img;
        }
        if (depth != CvType.CV_8U) {
            Mat eight = scope.mat();
            m.convertTo(eight, CvType.CV_8U, depth == CvType.CV_16U ? 255.0 / 65535.0 : depth == CvType.CV_32F ? 255.0 : 1.0);
            m = eight;
        }
        switch (c) {
            case 1 -> {
                BufferedImage img = new BufferedImage(m.cols(), m.rows(), BufferedImage.TYPE_BYTE_GRAY);
                m.get(0, 0, bytes(img.getRaster()));
                return img;
            }
            case 3 -> {
                BufferedImage img = new BufferedImage(m.cols(), m.rows(), BufferedImage.TYPE_3BYTE_BGR);
                m.get(0, 0, bytes(img.getRaster()));
                return img;
            }
            case 4 -> {
                BufferedImage img = new BufferedImage(m.cols(), m.rows(), BufferedImage.TYPE_4BYTE_ABGR);
                byte[] data = bytes(img.getRaster());
                m.get(0, 0, data);
                for (int i = 0; i < data.length; i += 4) { // BGRA -> ABGR, in place
                    byte bl = data[i];
                    byte gr = data[i + 1];
                    byte re = data[i + 2];
                    data[i] = data[i + 3];
                    data[i + 1] = bl;
                    data[i + 2] = gr;
                    data[i + 3] = re;
                }
                return img;
            }
            default -> throw new IllegalArgumentException("cannot make a BufferedImage from a Mat with " + c + " channels");
        }
    }

    /** {@code image} as another BufferedImage type, drawn by Java2D; the image itself when it already is one. */
    public static BufferedImage convert(BufferedImage image, int imageType) {
        if (image.getType() == imageType) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), imageType);
        Graphics2D g = out.createGraphics();
        try {
            g.setComposite(java.awt.AlphaComposite.Src);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Whether the raster's backing array holds exactly this image's pixels, row after row, from the
     * first element (not a sub-image of a larger raster, no padding).
     */
    private static boolean isPlain(BufferedImage image) {
        WritableRaster r = image.getRaster();
        if (r.getMinX() != 0 || r.getMinY() != 0 || r.getSampleModelTranslateX() != 0
                || r.getSampleModelTranslateY() != 0 || r.getParent() != null || r.getDataBuffer().getNumBanks() != 1
                || r.getDataBuffer().getOffset() != 0) {
            return false;
        }
        int t = image.getType();
        if (t == BufferedImage.TYPE_INT_RGB || t == BufferedImage.TYPE_INT_ARGB || t == BufferedImage.TYPE_INT_BGR) {
            return r.getDataBuffer().getSize() == image.getWidth() * image.getHeight();
        }
        if (r.getSampleModel() instanceof ComponentSampleModel sm) {
            return sm.getScanlineStride() == sm.getPixelStride() * image.getWidth()
                    && r.getDataBuffer().getSize() == sm.getScanlineStride() * image.getHeight();
        }
        return false;
    }

    private static byte[] bytes(Raster raster) {
        return ((DataBufferByte) raster.getDataBuffer()).getData();
    }

    private static Mat put(Mat m, byte[] data) {
        m.put(0, 0, data);
        return m;
    }
}
