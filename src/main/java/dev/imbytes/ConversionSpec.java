package dev.imbytes;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A conversion described with the command line's flags, e.g.
 * {@code ConversionSpec.parse("--fit 256x256 --to webp --quality 80")}: the one grammar shared by
 * {@code imbytes convert}, {@code imbytes bench} and the Spark UDF, and usable from plain Java without
 * either. Immutable; build one with {@link #parse(String)} or {@link #builder()}.
 *
 * <p>A spec is kept apart from {@link Conversion} because a command line may name its output format
 * elsewhere (the CLI takes it from {@code -o}'s extension): {@link #toConversion(Format)} turns the
 * same spec into a conversion for a given target, and only then are the encoder flags checked
 * against that target.
 *
 * <p>The flags (names in {@link Flags}): {@code --to FORMAT}; one resize of {@code --exact WxH},
 * {@code --fit WxH}, {@code --cover WxH}, {@code --width W}, {@code --height H}, {@code --scale F};
 * {@code --no-upscale}; {@code --quality Q}, {@code --progressive}, {@code --subsampling 420|422|444},
 * {@code --png-level N}, {@code --lossless}; {@code --background COLOR}; {@code --ignore-orientation};
 * {@code --max-pixels N}, {@code --max-side N}, {@code --max-bytes N}; {@code --allow FORMAT[,FORMAT...]}
 * (repeatable; {@code all} allows every format). A value may follow its flag as the next word or after
 * {@code =}; quotes group words. Every error is an {@link IllegalArgumentException} whose message
 * names the flag.
 */
public final class ConversionSpec {

    /** The flag names, one place for both the string grammar and the CLI's options. */
    public static final class Flags {
        /** Output format. */
        public static final String TO = "--to";
        /** Resize to exactly WxH. */
        public static final String EXACT = "--exact";
        /** Resize to fit within WxH. */
        public static final String FIT = "--fit";
        /** Resize to cover WxH, then crop. */
        public static final String COVER = "--cover";
        /** Resize to a width. */
        public static final String WIDTH = "--width";
        /** Resize to a height. */
        public static final String HEIGHT = "--height";
        /** Resize by a factor. */
        public static final String SCALE = "--scale";
        /** Never enlarge. */
        public static final String NO_UPSCALE = "--no-upscale";
        /** JPEG or WebP quality. */
        public static final String QUALITY = "--quality";
        /** Progressive JPEG. */
        public static final String PROGRESSIVE = "--progressive";
        /** JPEG chroma subsampling. */
        public static final String SUBSAMPLING = "--subsampling";
        /** PNG compression level. */
        public static final String PNG_LEVEL = "--png-level";
        /** Lossless WebP. */
        public static final String LOSSLESS = "--lossless";
        /** Colour that transparency is flattened onto. */
        public static final String BACKGROUND = "--background";
        /** Do not apply the EXIF orientation. */
        public static final String IGNORE_ORIENTATION = "--ignore-orientation";
        /** Pixel limit. */
        public static final String MAX_PIXELS = "--max-pixels";
        /** Side limit. */
        public static final String MAX_SIDE = "--max-side";
        /** Input byte limit. */
        public static final String MAX_BYTES = "--max-bytes";
        /** Formats decoded beyond the default allow-list. */
        public static final String ALLOW = "--allow";

        private Flags() {
        }
    }

    private final Format to;
    private final Fit fit;
    private final EncoderFlags encoder;
    private final Background background;
    private final boolean ignoreOrientation;
    private final Long maxPixels;
    private final Integer maxSide;
    private final Long maxBytes;
    private final Set<Format> allowed;
    private final boolean allowAll;

    private ConversionSpec(Builder b, Fit fit) {
        this.to = b.to;
        this.fit = fit;
        this.encoder = b.encoder.copy();
        this.background = b.background;
        this.ignoreOrientation = b.ignoreOrientation;
        this.maxPixels = b.maxPixels;
        this.maxSide = b.maxSide;
        this.maxBytes = b.maxBytes;
        this.allowed = Collections.unmodifiableSet(EnumSet.copyOf(b.allowed));
        this.allowAll = b.allowAll;
    }

    /**
     * Parses a spec string such as {@code "--fit 256x256 --to webp --quality 80"} and checks it as
     * {@link #toConversion()} would, so a spec that parses also converts.
     *
     * @throws IllegalArgumentException naming the flag, when the spec is not valid ({@code null} is an empty spec)
     */
    public static ConversionSpec parse(String spec) {
        ConversionSpec parsed = SpecGrammar.parse(spec == null ? "" : spec);
        parsed.toConversion();
        return parsed;
    }

    /** A builder with nothing set: the default conversion (same format, no resize). */
    public static Builder builder() {
        return new Builder();
    }

    /** The output format from {@code --to}, if given. */
    public Optional<Format> format() {
        return Optional.ofNullable(to);
    }

    /** The conversion this spec describes, to the {@code --to} format (or the input's own format). */
    public Conversion toConversion() {
        return toConversion(to);
    }

    /**
     * The conversion this spec describes, encoding to {@code target} instead of {@code --to}'s format
     * ({@code null}: the input's own format).
     *
     * @throws IllegalArgumentException naming the flags, for encoder flags that do not apply to {@code target}
     */
    public Conversion toConversion(Format target) {
        Conversion c = target == null ? Conversion.sameFormat() : Conversion.to(encoder.options(target));
        if (target == null) {
            encoder.requireNone();
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
        decode = allowAll ? decode.allowingAllFormats() : decode.allowing(allowed.toArray(new Format[0]));
        c = c.decodeWith(decode).resize(fit);
        return background == null ? c : c.background(background);
    }

    @Override
    public String toString() {
        return "ConversionSpec[to=" + (to == null ? "input's format" : to.id()) + ", " + toConversion() + "]";
    }

    /**
     * Collects flag values one at a time; each setter checks its value and names its flag in the
     * exception. Not thread-safe; {@link #build()} makes the immutable spec.
     */
    public static final class Builder {
        private Format to;
        private Fit fit;
        private String resizeFlag;
        private boolean noUpscale;
        private final EncoderFlags encoder = new EncoderFlags();
        private Background background;
        private boolean ignoreOrientation;
        private Long maxPixels;
        private Integer maxSide;
        private Long maxBytes;
        private final Set<Format> allowed = EnumSet.noneOf(Format.class);
        private boolean allowAll;

        private Builder() {
        }

        /** {@code --to}: the output format by extension or name (jpg, png, webp, tif, ...). */
        public Builder to(String format) {
            this.to = named(Flags.TO, format);
            return this;
        }

        /** {@code --exact WxH}. */
        public Builder exact(String box) {
            int[] wh = box(Flags.EXACT, box);
            return resize(Flags.EXACT, () -> Fit.exact(wh[0], wh[1]));
        }

        /** {@code --fit WxH}. */
        public Builder fit(String box) {
            int[] wh = box(Flags.FIT, box);
            return resize(Flags.FIT, () -> Fit.within(wh[0], wh[1]));
        }

        /** {@code --cover WxH}. */
        public Builder cover(String box) {
            int[] wh = box(Flags.COVER, box);
            return resize(Flags.COVER, () -> Fit.cover(wh[0], wh[1]));
        }

        /** {@code --width W}. */
        public Builder width(int width) {
            return resize(Flags.WIDTH, () -> Fit.width(width));
        }

        /** {@code --height H}. */
        public Builder height(int height) {
            return resize(Flags.HEIGHT, () -> Fit.height(height));
        }

        /** {@code --scale F}. */
        public Builder scale(double factor) {
            return resize(Flags.SCALE, () -> Fit.scale(factor));
        }

        /** {@code --no-upscale}: never enlarge (needs a resize). */
        public Builder noUpscale(boolean on) {
            this.noUpscale = on;
            return this;
        }

        /** {@code --quality Q}: JPEG 0-100 or WebP 1-100, checked against the target format. */
        public Builder quality(int quality) {
            encoder.quality = quality;
            return this;
        }

        /** {@code --progressive}: progressive JPEG. */
        public Builder progressive(boolean on) {
            encoder.progressive = on;
            return this;
        }

        /** {@code --subsampling}: 420, 422, 444, 411 or 440 (JPEG). */
        public Builder subsampling(String subsampling) {
            encoder.subsampling = flag(Flags.SUBSAMPLING, () -> ChromaSubsampling.parse(subsampling));
            return this;
        }

        /** {@code --png-level N}: PNG compression 0-9. */
        public Builder pngLevel(int level) {
            encoder.pngLevel = flag(Flags.PNG_LEVEL, () -> PngOptions.defaults().withCompressionLevel(level))
                    .compressionLevel();
            return this;
        }

        /** {@code --lossless}: lossless WebP. */
        public Builder lossless(boolean on) {
            encoder.lossless = on;
            return this;
        }

        /** {@code --background COLOR}: #rrggbb, r,g,b or a name. */
        public Builder background(String color) {
            this.background = flag(Flags.BACKGROUND, () -> Background.parse(color));
            return this;
        }

        /** {@code --ignore-orientation}: do not apply the EXIF orientation. */
        public Builder ignoreOrientation(boolean on) {
            this.ignoreOrientation = on;
            return this;
        }

        /** {@code --max-pixels N}. */
        public Builder maxPixels(long pixels) {
            this.maxPixels = flag(Flags.MAX_PIXELS, () -> Limits.defaults().withMaxPixels(pixels)).maxPixels();
            return this;
        }

        /** {@code --max-side N}. */
        public Builder maxSide(int side) {
            this.maxSide = flag(Flags.MAX_SIDE, () -> Limits.defaults().withMaxSide(side)).maxSide();
            return this;
        }

        /** {@code --max-bytes N}. */
        public Builder maxBytes(long bytes) {
            this.maxBytes = flag(Flags.MAX_BYTES, () -> Limits.defaults().withMaxBytes(bytes)).maxBytes();
            return this;
        }

        /** {@code --allow FORMAT[,FORMAT...]}: adds to the allow-list; {@code all} allows every format. */
        public Builder allow(String formats) {
            for (String name : (formats == null ? "" : formats).split(",", -1)) {
                if (name.trim().equalsIgnoreCase("all")) {
                    allowAll = true;
                } else {
                    allowed.add(named(Flags.ALLOW, name));
                }
            }
            return this;
        }

        /**
         * The spec.
         *
         * @throws IllegalArgumentException for {@code --no-upscale} without a resize
         */
        public ConversionSpec build() {
            if (noUpscale && fit == null) {
                throw new IllegalArgumentException(Flags.NO_UPSCALE + " needs a resize (--exact, --fit, --cover, "
                        + "--width, --height or --scale)");
            }
            return new ConversionSpec(this, noUpscale ? fit.noUpscale() : fit);
        }

        private Builder resize(String option, java.util.function.Supplier<Fit> make) {
            if (resizeFlag != null) {
                throw new IllegalArgumentException(resizeFlag + " and " + option + " cannot be combined: give one resize");
            }
            this.fit = flag(option, make);
            this.resizeFlag = option;
            return this;
        }
    }

    private static Format named(String option, String name) {
        try {
            return Format.fromExtension(name);
        } catch (UnsupportedFormatException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code make}; a bad value's message gets the flag's name in front. */
    static <T> T flag(String option, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException | ImageException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    static int[] box(String option, String text) {
        String[] p = (text == null ? "" : text).toLowerCase(Locale.ROOT).split("x", -1);
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
}
