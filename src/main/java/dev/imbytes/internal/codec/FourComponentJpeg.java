package dev.imbytes.internal.codec;

import dev.imbytes.internal.colour.SrgbConversion;
import dev.imbytes.internal.nativelib.MatScope;
import dev.imbytes.internal.probe.ImageHeader;

import dev.imbytes.ColorModel;
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

    /**
     * Decodes a CMYK or YCCK JPEG to BGR (or grey), through {@code profile} when the file's CMYK
     * profile is to be applied, else with the naive formula of {@link CmykJpegDecoder}.
     */
    public static Mat decode(ByteBuffer input, ImageHeader header, ReadMode mode, SrgbConversion profile,
                             MatScope scope) {
        // The probe read the Adobe APP14 segment already: its header says YCCK or CMYK, and inverted or not.
        CmykJpegDecoder.DecodedBgr d = CmykJpegDecoder.decode(input, header.colorModel() == ColorModel.YCCK,
                header.adobeInverted(), profile);
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
}
