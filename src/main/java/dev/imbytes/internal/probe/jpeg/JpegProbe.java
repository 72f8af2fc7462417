package dev.imbytes.internal.probe.jpeg;

import dev.imbytes.internal.probe.HeaderChecks;
import dev.imbytes.internal.probe.ImageHeader;
import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.FormatProbe;
import dev.imbytes.internal.probe.tiff.Tiff;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;

/** JPEG header reading: segments up to the first scan, SOFn, JFIF, Adobe APP14 and EXIF. */
public final class JpegProbe implements FormatProbe {

    @Override
    public Format sniff(ByteReader s) {
        return s.startsWith(0, 0xFF, 0xD8, 0xFF) ? Format.JPEG : null;
    }

    @Override
    public ImageHeader read(ByteReader s, Format format) {
        long off = 2; // after SOI
        int orientation = -1;
        boolean jfif = false;
        int adobeTransform = -1;
        int precision = -1;
        int width = 0;
        int height = 0;
        int comps = 0;
        int[] compIds = null;
        boolean sof = false;
        String defect = null;
        long scanLength = -1;
        int sofMarker = -1;
        int len = s.length();

        while (true) {
            // Find the next marker: libjpeg skips anything that is not 0xFF, but warns on stderr
            // ("N extraneous bytes before marker"), so strict mode refuses it; fill bytes are legal.
            long junk = off;
            while (off < len && s.u8(off) != 0xFF) {
                off++;
            }
            if (off > junk && defect == null) {
                defect = (off - junk) + " extraneous bytes at offset " + junk + " before a marker";
            }
            while (off < len && s.u8(off) == 0xFF) {
                off++;
            }
            if (off >= len) {
                defect = "truncated before the first scan (SOS)";
                break;
            }
            int marker = s.u8(off);
            off++;
            if (marker == 0x00 && defect == null) {
                defect = "stray stuffed byte (FF 00) at offset " + (off - 2) + " before the first scan";
            }
            if (marker == 0x00 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                continue; // standalone markers (and stray stuffed bytes) carry no length
            }
            if (marker == 0xD9) {
                defect = "EOI marker before the first scan";
                break;
            }
            if (!s.has(off, 2)) {
                defect = "truncated before the first scan (SOS)";
                break;
            }
            int segLen = s.u16be(off);
            if (segLen < 2) {
                if (!sof) {
                    throw HeaderChecks.corrupt(Format.JPEG, "bad segment length " + segLen + " for marker 0x"
                            + Integer.toHexString(marker).toUpperCase() + " at offset " + (off - 2));
                }
                defect = "bad segment length " + segLen + " at offset " + (off - 2);
                break;
            }
            long payload = off + 2;
            long payloadLen = segLen - 2L;
            boolean complete = s.has(payload, payloadLen);
            if (isSof(marker) && !sof) {
                if (payloadLen < 6 || !s.has(payload, 6)) {
                    throw HeaderChecks.corrupt(Format.JPEG, "frame header (SOF) cut short");
                }
                precision = s.u8(payload);
                height = s.u16be(payload + 1);
                width = s.u16be(payload + 3);
                comps = s.u8(payload + 5);
                if (width == 0 || height == 0) {
                    throw HeaderChecks.corrupt(Format.JPEG, "frame header declares " + width + "x" + height
                            + " (zero dimension)");
                }
                if (comps == 0) {
                    throw HeaderChecks.corrupt(Format.JPEG, "frame header declares 0 components");
                }
                compIds = new int[comps];
                for (int i = 0; i < comps; i++) {
                    long c = payload + 6 + 3L * i;
                    compIds[i] = s.has(c, 1) && 6 + 3L * i < payloadLen ? s.u8(c) : -1;
                }
                sof = true;
                sofMarker = marker;
            } else if (marker == 0xE0 && complete && payloadLen >= 5 && s.startsWith(payload, "JFIF\0")) {
                jfif = true;
                // libjpeg reads the version from 14-byte JFIF headers and warns unless it is 1.x
                if (payloadLen >= 14 && s.u8(payload + 5) != 1 && defect == null) {
                    defect = String.format(java.util.Locale.ROOT, "unknown JFIF revision %d.%02d", s.u8(payload + 5),
                            s.u8(payload + 6));
                }
            } else if (marker == 0xE1 && complete && orientation < 0 && s.startsWith(payload, "Exif\0\0")) {
                orientation = Tiff.exifOrientation(s.slice(payload + 6, payloadLen - 6));
            } else if (marker == 0xEE && complete && payloadLen >= 12 && s.startsWith(payload, "Adobe")) {
                adobeTransform = s.u8(payload + 11);
            } else if (marker == 0xDA) {
                if (!complete) {
                    defect = "truncated inside the scan header (SOS)";
                } else {
                    scanLength = off;
                }
                break;
            }
            if (!complete) {
                defect = "truncated inside segment 0x" + Integer.toHexString(marker).toUpperCase();
                break;
            }
            off = payload + payloadLen;
        }

        if (!sof) {
            throw HeaderChecks.corrupt(Format.JPEG, "no frame header (SOFn): "
                    + (defect != null ? defect : "the first scan comes before any frame header"));
        }
        if (scanLength >= 0) {
            String scans = JpegScans.check(s, scanLength, sofMarker, compIds); // the scan cap holds in lenient mode too
            defect = defect != null ? defect : scans;
        }
        if (defect == null) {
            defect = adobeTransformDefect(comps, jfif, adobeTransform);
        }
        // The transform goes in the header too: the CMYK/YCCK decoder needs it and must not walk the markers again.
        return new ImageHeader(Format.JPEG, width, height, comps, precision, orientation,
                colorModel(comps, jfif, adobeTransform, compIds), defect, adobeTransform);
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    static boolean isSof(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    /**
     * libjpeg warns ("Unknown Adobe color transform code") and guesses when a three-component
     * file without JFIF, or a four-component file, names a transform it does not know.
     */
    private static String adobeTransformDefect(int comps, boolean jfif, int transform) {
        boolean known = transform < 0 || comps == 3 && (jfif || transform <= 1) || comps == 4 && (transform == 0 || transform == 2)
                || comps != 3 && comps != 4;
        return known ? null : "unknown Adobe colour transform " + transform + " for " + comps + " components";
    }

    private static ColorModel colorModel(int comps, boolean jfif, int adobeTransform, int[] ids) {
        switch (comps) {
            case 1:
                return ColorModel.GRAY;
            case 3:
                if (jfif) {
                    return ColorModel.YCBCR;
                }
                if (adobeTransform >= 0) {
                    return adobeTransform == 0 ? ColorModel.RGB : ColorModel.YCBCR;
                }
                // Neither JFIF nor Adobe: component ids 'R','G','B' mean RGB (as libjpeg decides).
                return ids != null && ids[0] == 'R' && ids[1] == 'G' && ids[2] == 'B' ? ColorModel.RGB : ColorModel.YCBCR;
            case 4:
                return adobeTransform == 2 ? ColorModel.YCCK : ColorModel.CMYK;
            default:
                return ColorModel.UNKNOWN;
        }
    }
}
