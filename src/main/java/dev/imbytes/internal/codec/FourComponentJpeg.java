package dev.imbytes.internal.codec;

import dev.imbytes.internal.nativelib.MatScope;
import dev.imbytes.internal.probe.ImageHeader;

import dev.imbytes.ReadMode;
import java.nio.ByteBuffer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * CMYK and YCCK JPEGs. OpenCV 4.9 treats every 4-component JPEG as Adobe-inverted, so a plain CMYK
 * file decodes to black; these files go through {@link CmykJpegDecoder} instead, which matches
 * libjpeg-turbo's djpeg exactly (see its test). They are rare, so the missing shrink-on-load costs little.
 */
public final class FourComponentJpeg {
    private FourComponentJpeg() {
    }

    public static Mat decode(ByteBuffer input, ImageHeader header, ReadMode mode, MatScope scope) {
        boolean adobe = hasAdobeMarker(input);
        CmykJpegDecoder.DecodedBgr d = CmykJpegDecoder.decode(input, "ycck".equals(header.colorModel()), adobe);
        Mat bgr = scope.own(new Mat(d.height(), d.width(), CvType.CV_8UC3));
        bgr.put(0, 0, d.bgr());
        if (mode != ReadMode.GRAYSCALE) {
            return bgr; // UNCHANGED too: a CMYK JPEG has no alpha, and raw ink values are of no use to callers
        }
        Mat gray = scope.mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        scope.releaseEarly(bgr);
        return gray;
    }

    /** Whether an APP14 "Adobe" segment stands before the first scan (bounded walk over the markers). */
    static boolean hasAdobeMarker(ByteBuffer jpeg) {
        int p = jpeg.position() + 2;
        int end = jpeg.limit();
        while (p + 4 <= end) {
            if ((jpeg.get(p) & 0xff) != 0xff) {
                return false;
            }
            int marker = jpeg.get(p + 1) & 0xff;
            if (marker == 0xff) {
                p++;
                continue;
            }
            if (marker == 0xda || marker == 0xd9) {
                return false;
            }
            int length = (jpeg.get(p + 2) & 0xff) << 8 | jpeg.get(p + 3) & 0xff;
            if (length < 2) {
                return false;
            }
            if (marker == 0xee && p + 9 <= end && jpeg.get(p + 4) == 'A' && jpeg.get(p + 5) == 'd'
                    && jpeg.get(p + 6) == 'o' && jpeg.get(p + 7) == 'b' && jpeg.get(p + 8) == 'e') {
                return true;
            }
            p += 2 + length;
        }
        return false;
    }
}
