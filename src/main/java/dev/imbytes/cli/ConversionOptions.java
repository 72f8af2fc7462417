package dev.imbytes.cli;

import dev.imbytes.ConversionSpec;
import dev.imbytes.DecodeOptions;
import dev.imbytes.Format;
import dev.imbytes.ConversionSpec.Flags;
import dev.imbytes.Limits;
import dev.imbytes.internal.spec.FlagHints;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The conversion flags of {@code convert} and {@code bench} as picocli options: picocli reads the
 * words and writes the help, and {@link #toSpec()} hands every value to {@link ConversionSpec}'s
 * builder, which checks them exactly as it checks a Spark spec string (flag names from
 * {@link ConversionSpec.Flags}).
 */
public final class ConversionOptions {

    @Option(names = Flags.TO, paramLabel = "FORMAT", description = "Output format: jpg, png, webp, tif, bmp, ppm, pgm, pam, ... "
            + "(default: OUTPUT's extension, else the input's format).")
    String to;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Size size;

    static final class Size {
        @Option(names = Flags.EXACT, paramLabel = "WxH", description = "Resize to exactly WxH (aspect ratio not kept).")
        String exact;
        @Option(names = Flags.FIT, paramLabel = "WxH", description = "Resize to fit within WxH, keeping aspect ratio.")
        String fit;
        @Option(names = Flags.COVER, paramLabel = "WxH", description = "Resize to cover WxH, then centre-crop to it.")
        String cover;
        @Option(names = Flags.WIDTH, paramLabel = "W", description = "Resize to W pixels wide, keeping aspect ratio.")
        Integer width;
        @Option(names = Flags.HEIGHT, paramLabel = "H", description = "Resize to H pixels high, keeping aspect ratio.")
        Integer height;
        @Option(names = Flags.SCALE, paramLabel = "F", description = "Resize by factor F (e.g. 0.5).")
        Double scale;

        /** The one resize picocli let through (the group is exclusive). */
        void applyTo(ConversionSpec.Builder b) {
            if (exact != null) {
                b.exact(exact);
            } else if (fit != null) {
                b.fit(fit);
            } else if (cover != null) {
                b.cover(cover);
            } else if (width != null) {
                b.width(width);
            } else if (height != null) {
                b.height(height);
            } else if (scale != null) {
                b.scale(scale);
            }
        }
    }

    @Option(names = Flags.NO_UPSCALE, description = "Never enlarge: smaller images keep their size.")
    boolean noUpscale;

    @Option(names = Flags.QUALITY, paramLabel = "Q", description = "JPEG quality 0-100 (default 95) or WebP quality 1-100 (default 80).")
    Integer quality;

    @Option(names = Flags.PROGRESSIVE, description = "Progressive JPEG.")
    boolean progressive;

    @Option(names = Flags.SUBSAMPLING, paramLabel = "420|422|444", description = "JPEG chroma subsampling (default 420).")
    String subsampling;

    @Option(names = Flags.PNG_LEVEL, paramLabel = "N", description = "PNG compression level 0-9 (default 6).")
    Integer pngLevel;

    @Option(names = Flags.LOSSLESS, description = "Lossless WebP.")
    boolean lossless;

    @Option(names = Flags.BACKGROUND, paramLabel = "COLOR", description = "Colour that transparency is flattened onto for "
            + "formats without alpha: #rrggbb, r,g,b or a name (default white).")
    String background;

    @Option(names = Flags.IGNORE_ORIENTATION, description = "Do not apply the EXIF orientation.")
    boolean ignoreOrientation;

    @Option(names = Flags.KEEP_ICC, description = "Keep the source's ICC profile in the output (no colour conversion).")
    boolean keepIcc;

    @Option(names = Flags.KEEP_METADATA, description = "Keep EXIF (orientation 1, no thumbnail), XMP and the ICC profile "
            + "in JPEG, PNG, WebP and TIFF outputs; malformed blocks are dropped with a warning.")
    boolean keepMetadata;

    @Option(names = Flags.NO_COLOUR_CONVERT, description = "Leave images with an ICC profile as stored instead of "
            + "converting them to sRGB (the output carries no profile unless --keep-icc or --keep-metadata).")
    boolean noColourConvert;

    @Option(names = Flags.MAX_PIXELS, paramLabel = "N", description = "Refuse images with more pixels than N "
            + "(default " + Limits.DEFAULT_MAX_PIXELS + ").")
    Long maxPixels;

    @Option(names = Flags.MAX_SIDE, paramLabel = "N", description = "Refuse images with a side longer than N pixels "
            + "(default " + Limits.DEFAULT_MAX_SIDE + ").")
    Integer maxSide;

    @Option(names = Flags.MAX_BYTES, paramLabel = "N", description = "Refuse inputs of more than N bytes "
            + "(default " + Limits.DEFAULT_MAX_BYTES + ").")
    Long maxBytes;

    @Option(names = Flags.ALLOW, paramLabel = "FORMAT[,FORMAT...]", description = "Also decode these formats, beyond "
            + "the default jpg, png, webp, tif, bmp, gif (e.g. --allow jp2,ppm; \"all\" allows every format).")
    List<String> allow;

    /**
     * Refuses, naming the flag, a format given to {@code --allow} that the command line cannot read
     * even when allowed (PFM, HDR, Sun raster, OpenEXR: only through a temporary
     * file), so that the allow-list never promises what a second refusal takes back.
     */
    private static void readable(String formats) {
        for (String name : formats.split(",")) {
            if (name.isBlank() || name.trim().equalsIgnoreCase("all")) {
                continue; // "all" is every format the build has: the unreadable ones are refused per file
            }
            Format f = Format.fromExtension(name);
            String why = FlagHints.unreadable(f, DecodeOptions.defaults().allowing(f));
            if (why != null) {
                throw new IllegalArgumentException(ConversionSpec.Flags.ALLOW + " " + name.trim() + ": " + why);
            }
        }
    }

    /**
     * The spec these flags describe.
     *
     * @throws IllegalArgumentException naming the flag, for a bad value
     */
    ConversionSpec toSpec() {
        ConversionSpec.Builder b = ConversionSpec.builder();
        if (to != null) {
            b.to(to);
        }
        if (size != null) {
            size.applyTo(b);
        }
        if (quality != null) {
            b.quality(quality);
        }
        if (subsampling != null) {
            b.subsampling(subsampling);
        }
        if (pngLevel != null) {
            b.pngLevel(pngLevel);
        }
        if (background != null) {
            b.background(background);
        }
        if (maxPixels != null) {
            b.maxPixels(maxPixels);
        }
        if (maxSide != null) {
            b.maxSide(maxSide);
        }
        if (maxBytes != null) {
            b.maxBytes(maxBytes);
        }
        for (String formats : allow == null ? List.<String>of() : allow) {
            b.allow(formats);
            readable(formats);
        }
        return b.noUpscale(noUpscale).progressive(progressive).lossless(lossless)
                .ignoreOrientation(ignoreOrientation).noColourConvert(noColourConvert).keepIcc(keepIcc)
                .keepMetadata(keepMetadata).build();
    }
}
