package dev.imbytes.internal.probe;

import dev.imbytes.CorruptImageException;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.UnsupportedFormatException;
import dev.imbytes.internal.probe.jpeg.JpegProbe;
import dev.imbytes.internal.probe.png.PngProbe;
import dev.imbytes.internal.probe.raster.BmpProbe;
import dev.imbytes.internal.probe.raster.HdrProbe;
import dev.imbytes.internal.probe.raster.PamProbe;
import dev.imbytes.internal.probe.raster.PfmProbe;
import dev.imbytes.internal.probe.raster.PnmProbe;
import dev.imbytes.internal.probe.raster.SunRasterProbe;
import dev.imbytes.internal.probe.tiff.TiffProbe;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads an image's format and header in plain Java, without any native call: enough to check
 * limits, EXIF orientation and structural completeness before OpenCV sees the bytes. Each format
 * has its {@link FormatProbe}; this class asks them in turn which one the magic bytes name.
 *
 * <p>Every read is bounds-checked against the buffer's limit, loops are bounded by the data
 * length, and allocations are bounded (decompressed text is capped at 1 MB). The only
 * exceptions thrown are {@link UnsupportedFormatException} and {@link CorruptImageException}
 * (and {@link dev.imbytes.ImageTooLargeException} for a header that is a CPU bomb).
 */
public final class HeaderProbe {

    /** In the order their magic bytes are tested; no two claim the same bytes. */
    private static final List<FormatProbe> PROBES = List.of(new JpegProbe(), new PngProbe(), new WebpProbe(),
            new TiffProbe(), new GifProbe(), new Jpeg2000Probe(), new ExrProbe(), new SunRasterProbe(),
            new HdrProbe(), new BmpProbe(), new PnmProbe(), new PamProbe(), new PfmProbe());

    private HeaderProbe() {
    }

    /**
     * Format from magic bytes, or null when unrecognised. Reads the buffer from its position to
     * its limit and never changes the position.
     */
    public static Format sniff(ByteBuffer data) {
        return data == null ? null : sniff(new ByteReader(data));
    }

    /**
     * The full header.
     *
     * @throws UnsupportedFormatException when no format is recognised (the message shows the first bytes in hex)
     * @throws CorruptImageException when the format is recognised but its header cannot be read
     */
    public static ImageHeader probe(ByteBuffer data) {
        if (data == null) {
            throw new UnsupportedFormatException("no image data (null buffer)");
        }
        ByteReader s = new ByteReader(data);
        for (FormatProbe p : PROBES) {
            Format f = p.sniff(s);
            if (f != null) {
                return read(p, s, f);
            }
        }
        throw new UnsupportedFormatException(s.length() == 0 ? "unrecognised image format: the data is empty"
                : "unrecognised image format (" + s.length() + " bytes); first bytes: " + s.hexPrefix(16));
    }

    private static Format sniff(ByteReader s) {
        for (FormatProbe p : PROBES) {
            Format f = p.sniff(s);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** One probe's header, with any failure other than a typed refusal worded as a corrupt header. */
    private static ImageHeader read(FormatProbe p, ByteReader s, Format f) {
        try {
            return p.read(s, f);
        } catch (ImageException e) {
            throw e; // already typed: a probe may refuse a bomb or an unsupported variant, not only damage
        } catch (ByteReader.OutOfData e) {
            throw HeaderChecks.corrupt(f, "header truncated (" + s.length() + " bytes; needed data at offset "
                    + e.offset + ")");
        } catch (RuntimeException e) {
            throw new CorruptImageException(HeaderChecks.name(f) + ": unreadable header (" + e + ")", e);
        }
    }
}
