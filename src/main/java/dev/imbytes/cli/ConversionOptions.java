package dev.imbytes.cli;

import dev.imbytes.Background;
import dev.imbytes.ChromaSubsampling;
import dev.imbytes.Conversion;
import dev.imbytes.DecodeOptions;
import dev.imbytes.EncodeOptions;
import dev.imbytes.Fit;
import dev.imbytes.Format;
import dev.imbytes.JpegOptions;
import dev.imbytes.Limits;
import dev.imbytes.PngOptions;
import dev.imbytes.WebpOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The conversion flags shared by {@code convert}, {@code bench} and the Spark UDF's spec string:
 * one parser, so {@code "--fit 256x256 --to webp --quality 80"} means the same everywhere.
 */
public final class ConversionOptions {

    @Option(names = "--to", paramLabel = "FORMAT", description = "Output format: jpg, png, webp, tif, bmp, ppm, pgm, pam, ... "
            + "(default: OUTPUT's extension, else the input's format).")
    String to;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Size size;

    static final class Size {
        @Option(names = "--exact", paramLabel = "WxH", description = "Resize to exactly WxH (aspect ratio not kept).")
        String exact;
        @Option(names = "--fit", paramLabel = "WxH", description = "Resize to fit within WxH, keeping aspect ratio.")
        String fit;
        @Option(names = "--cover", paramLabel = "WxH", description = "Resize to cover WxH, then centre-crop to it.")
        String cover;
        @Option(names = "--width", paramLabel = "W", description = "Resize to W pixels wide, keeping aspect ratio.")
        Integer width;
        @Option(names = "--height", paramLabel = "H", description = "Resize to H pixels high, keeping aspect ratio.")
        Integer height;
        @Option(names = "--scale", paramLabel = "F", description = "Resize by factor F (e.g. 0.5).")
        Double scale;
    }

    @Option(names = "--no-upscale", description = "Never enlarge: smaller images keep their size.")
    boolean noUpscale;

    @Option(names = "--quality", paramLabel = "Q", description = "JPEG quality 0-100 (default 95) or WebP quality 1-100 (default 80).")
    Integer quality;

    @Option(names = "--progressive", description = "Progressive JPEG.")
    boolean progressive;

    @Option(names = "--subsampling", paramLabel = "420|422|444", description = "JPEG chroma subsampling (default 420).")
    String subsampling;

    @Option(names = "--png-level", paramLabel = "N", description = "PNG compression level 0-9 (default 6).")
    Integer pngLevel;

    @Option(names = "--lossless", description = "Lossless WebP.")
    boolean lossless;

    @Option(names = "--background", paramLabel = "COLOR", description = "Colour that transparency is flattened onto for "
            + "formats without alpha: #rrggbb, r,g,b or a name (default white).")
    String background;

    @Option(names = "--ignore-orientation", description = "Do not apply the EXIF orientation.")
    boolean ignoreOrientation;

    @Option(names = "--max-pixels", paramLabel = "N", description = "Refuse images with more pixels than N "
            + "(default " + Limits.DEFAULT_MAX_PIXELS + ").")
    Long maxPixels;

    @Option(names = "--max-side", paramLabel = "N", description = "Refuse images with a side longer than N pixels "
            + "(default " + Limits.DEFAULT_MAX_SIDE + ").")
    Integer maxSide;

    @Option(names = "--max-bytes", paramLabel = "N", description = "Refuse inputs of more than N bytes "
            + "(default " + Limits.DEFAULT_MAX_BYTES + ").")
    Long maxBytes;

    @Option(names = "--allow", paramLabel = "FORMAT", split = ",", description = "Also decode these formats, beyond "
            + "the default jpg, png, webp, tif, bmp (e.g. --allow jp2,ppm; \"all\" allows every format).")
    List<String> allow;

    /** The output format asked for with {@code --to}, if any. */
    Format requestedFormat() {
        return to == null ? null : Format.fromExtension(to);
    }

    /**
     * The conversion these flags describe, encoding to {@code target} ({@code null}: the input's own format).
     *
     * @throws IllegalArgumentException with a one-line message for a bad value
     */
    public Conversion toConversion(Format target) {
        Conversion c = target == null ? Conversion.sameFormat() : Conversion.to(encodeOptions(target));
        if (target == null && (quality != null || progressive || subsampling != null || pngLevel != null || lossless)) {
            throw new IllegalArgumentException("encoder options (--quality, --progressive, --subsampling, --png-level, "
                    + "--lossless) need an output format: give --to");
        }
        DecodeOptions decode = c.decodeOptions().withOrientation(!ignoreOrientation);
        if (maxPixels != null) {
            decode = decode.withLimits(decode.limits().withMaxPixels(maxPixels));
        }
        if (maxSide != null) {
            decode = decode.withLimits(decode.limits().withMaxSide(maxSide));
        }
        if (maxBytes != null) {
            decode = decode.withLimits(decode.limits().withMaxBytes(maxBytes));
        }
        if (allow != null) {
            for (String name : allow) {
                decode = name.trim().equalsIgnoreCase("all") ? decode.allowingAllFormats()
                        : decode.allowing(Format.fromExtension(name));
            }
        }
        c = c.decodeWith(decode).resize(fit());
        if (background != null) {
            c = c.background(Background.parse(background));
        }
        return c;
    }

    /** The conversion with the output format from {@code --to} (or the input's format). */
    public Conversion toConversion() {
        return toConversion(requestedFormat());
    }

    private EncodeOptions encodeOptions(Format target) {
        switch (target) {
            case JPEG -> {
                JpegOptions j = JpegOptions.defaults();
                if (quality != null) {
                    j = j.withQuality(quality);
                }
                if (subsampling != null) {
                    j = j.withSubsampling(ChromaSubsampling.parse(subsampling));
                }
                rejectUnless(!lossless && pngLevel == null, target, "--lossless/--png-level");
                return j.withProgressive(progressive);
            }
            case WEBP -> {
                rejectUnless(!progressive && subsampling == null && pngLevel == null, target,
                        "--progressive/--subsampling/--png-level");
                WebpOptions w = WebpOptions.defaults().withLossless(lossless);
                return quality != null ? w.withQuality(quality) : w;
            }
            case PNG -> {
                rejectUnless(quality == null && !progressive && subsampling == null && !lossless, target,
                        "--quality/--progressive/--subsampling/--lossless");
                return pngLevel != null ? PngOptions.defaults().withCompressionLevel(pngLevel) : PngOptions.defaults();
            }
            default -> {
                rejectUnless(quality == null && !progressive && subsampling == null && !lossless && pngLevel == null,
                        target, "encoder options");
                return EncodeOptions.of(target);
            }
        }
    }

    private static void rejectUnless(boolean ok, Format target, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what + " do not apply to " + target.id() + " output");
        }
    }

    /** The resize asked for, or {@code null}. */
    Fit fit() {
        Fit f = null;
        if (size != null) {
            if (size.exact != null) {
                int[] wh = box("--exact", size.exact);
                f = Fit.exact(wh[0], wh[1]);
            } else if (size.fit != null) {
                int[] wh = box("--fit", size.fit);
                f = Fit.within(wh[0], wh[1]);
            } else if (size.cover != null) {
                int[] wh = box("--cover", size.cover);
                f = Fit.cover(wh[0], wh[1]);
            } else if (size.width != null) {
                f = Fit.width(size.width);
            } else if (size.height != null) {
                f = Fit.height(size.height);
            } else if (size.scale != null) {
                f = Fit.scale(size.scale);
            }
        }
        if (noUpscale) {
            if (f == null) {
                throw new IllegalArgumentException("--no-upscale needs a resize (--exact, --fit, --cover, --width, --height or --scale)");
            }
            f = f.noUpscale();
        }
        return f;
    }

    static int[] box(String option, String text) {
        String[] p = text.toLowerCase(java.util.Locale.ROOT).split("x", -1);
        try {
            if (p.length == 2) {
                int w = Integer.parseInt(p[0].trim());
                int h = Integer.parseInt(p[1].trim());
                if (w > 0 && h > 0) {
                    return new int[] {w, h};
                }
                throw new IllegalArgumentException(option + " needs a width and height > 0, was " + text);
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(option + " takes WIDTHxHEIGHT, e.g. 500x500; was \"" + text + "\"");
    }

    /**
     * Parses a spec string such as {@code "--fit 256x256 --to webp --quality 80"} (the convert
     * command's flags; quotes group words) into a conversion.
     *
     * @throws IllegalArgumentException with a one-line message when the spec is not valid
     */
    public static Conversion parse(String spec) {
        ConversionOptions o = new ConversionOptions();
        try {
            new CommandLine(o).parseArgs(tokens(spec == null ? "" : spec));
            return o.toConversion();
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (dev.imbytes.UnsupportedFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static String[] tokens(String spec) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char ch : spec.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                any = true;
            } else if (Character.isWhitespace(ch)) {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(ch);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote in \"" + spec + "\"");
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out.toArray(new String[0]);
    }
}
