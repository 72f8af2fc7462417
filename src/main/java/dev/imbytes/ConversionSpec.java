package dev.imbytes;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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
 * <p>The flags ({@link Flags}), each at most once: {@code --to FORMAT}; one resize of {@code --exact WxH},
 * {@code --fit WxH}, {@code --cover WxH}, {@code --width W}, {@code --height H}, {@code --scale F};
 * {@code --no-upscale}; {@code --quality Q}, {@code --progressive}, {@code --subsampling 420|422|444},
 * {@code --png-level N}, {@code --lossless}; {@code --background COLOR}; {@code --ignore-orientation};
 * {@code --max-pixels N}, {@code --max-side N}, {@code --max-bytes N}; {@code --allow FORMAT[,FORMAT...]}
 * (repeatable; {@code all}: every format); {@code --keep-icc}, {@code --keep-metadata}. A value follows its flag as the next word or after {@code =};
 * quotes group words. Every error is an {@link IllegalArgumentException} whose message names the flag.
 */
public final class ConversionSpec {
    /**
     * The flag names (each constant is its flag, e.g. {@code FIT = "--fit"}): the one place for both the
     * string grammar and the CLI's options; what each does is in the {@link ConversionSpec} summary.
     */
    public static final class Flags {
        public static final String TO = "--to";
        public static final String EXACT = "--exact";
        public static final String FIT = "--fit";
        public static final String COVER = "--cover";
        public static final String WIDTH = "--width";
        public static final String HEIGHT = "--height";
        public static final String SCALE = "--scale";
        public static final String NO_UPSCALE = "--no-upscale";
        public static final String QUALITY = "--quality";
        public static final String PROGRESSIVE = "--progressive";
        public static final String SUBSAMPLING = "--subsampling";
        public static final String PNG_LEVEL = "--png-level";
        public static final String LOSSLESS = "--lossless";
        public static final String BACKGROUND = "--background";
        public static final String IGNORE_ORIENTATION = "--ignore-orientation";
        /** Leave ICC-tagged images' samples as stored instead of converting them to sRGB. */
        public static final String NO_COLOUR_CONVERT = "--no-colour-convert";
        public static final String MAX_PIXELS = "--max-pixels";
        public static final String MAX_SIDE = "--max-side";
        public static final String MAX_BYTES = "--max-bytes";
        public static final String ALLOW = "--allow";
        public static final String KEEP_ICC = "--keep-icc";
        public static final String KEEP_METADATA = "--keep-metadata";
        private Flags() {
        }
    }

    private final Format to;
    private final Fit fit;
    private final EncoderFlags encoder;
    private final Background background;
    private final boolean ignoreOrientation;
    private final boolean noColourConvert;
    private final Long maxPixels;
    private final Integer maxSide;
    private final Long maxBytes;
    private final Set<Format> allowed;
    private final boolean allowAll;
    private final boolean keepIcc;
    private final boolean keepMetadata;

    private ConversionSpec(Builder b, Fit fit) {
        this.to = b.to;
        this.fit = fit;
        this.encoder = b.encoder.copy();
        this.background = b.background;
        this.ignoreOrientation = b.ignoreOrientation;
        this.noColourConvert = b.noColourConvert;
        this.maxPixels = b.maxPixels;
        this.maxSide = b.maxSide;
        this.maxBytes = b.maxBytes;
        this.allowed = Collections.unmodifiableSet(EnumSet.copyOf(b.allowed));
        this.allowAll = b.allowAll;
        this.keepIcc = b.keepIcc;
        this.keepMetadata = b.keepMetadata;
    }

    /**
     * Parses a spec string such as {@code "--fit 256x256 --to webp --quality 80"} and checks it as
     * {@link #toConversion()} would, so a spec that parses also converts. {@code null} is the empty spec:
     * the one exception to the package's null rule (a spec may come from a missing setting or SQL value).
     *
     * @throws IllegalArgumentException naming the flag, when the spec is not valid
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
        return conversionTo(to);
    }

    /**
     * The conversion this spec describes, encoding to {@code target} instead of {@code --to}'s format.
     * @throws IllegalArgumentException naming the flags, for encoder flags that do not apply to {@code target}
     */
    public Conversion toConversion(Format target) {
        return conversionTo(Objects.requireNonNull(target, "target"));
    }

    /** The conversion to {@code target}, or to the input's own format when it is {@code null}. */
    private Conversion conversionTo(Format target) {
        if (target == null) {
            encoder.requireNone();
        }
        Conversion c = target == null ? Conversion.sameFormat() : Conversion.to(encoder.options(target));
        DecodeOptions decode = c.decodeOptions().withApplyOrientation(!ignoreOrientation)
                .withConvertToSrgb(!noColourConvert);
        Limits limits = maxPixels == null ? decode.limits() : decode.limits().withMaxPixels(maxPixels);
        limits = maxSide == null ? limits : limits.withMaxSide(maxSide);
        decode = decode.withLimits(maxBytes == null ? limits : limits.withMaxBytes(maxBytes));
        decode = allowAll ? decode.allowingAllFormats() : decode.allowing(allowed.toArray(new Format[0]));
        c = fit == null ? c.withDecodeOptions(decode) : c.withDecodeOptions(decode).withFit(fit);
        c = c.withKeepIccProfile(keepIcc).withKeepMetadata(keepMetadata);
        return background == null ? c : c.withBackground(background);
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
        private boolean noColourConvert;
        private Long maxPixels;
        private Integer maxSide;
        private Long maxBytes;
        private final Set<Format> allowed = EnumSet.noneOf(Format.class);
        private boolean allowAll;
        private boolean keepIcc;
        private boolean keepMetadata;

        private Builder() { // ConversionSpec.builder()
        }

        /** {@code --to}: the output format by extension or name (jpg, png, webp, tif, ...). */
        public Builder to(String format) {
            this.to = SpecGrammar.named(Flags.TO, Objects.requireNonNull(format, "format"));
            return this;
        }

        /** {@code --exact WxH}. */
        public Builder exact(String box) {
            int[] wh = SpecGrammar.box(Flags.EXACT, Objects.requireNonNull(box, "box"));
            return resize(Flags.EXACT, () -> Fit.exact(wh[0], wh[1]));
        }

        /** {@code --fit WxH}. */
        public Builder fit(String box) {
            int[] wh = SpecGrammar.box(Flags.FIT, Objects.requireNonNull(box, "box"));
            return resize(Flags.FIT, () -> Fit.within(wh[0], wh[1]));
        }

        /** {@code --cover WxH}. */
        public Builder cover(String box) {
            int[] wh = SpecGrammar.box(Flags.COVER, Objects.requireNonNull(box, "box"));
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
            Objects.requireNonNull(subsampling, "subsampling");
            encoder.subsampling = SpecGrammar.flag(Flags.SUBSAMPLING, () -> ChromaSubsampling.parse(subsampling));
            return this;
        }

        /** {@code --png-level N}: PNG compression 0-9. */
        public Builder pngLevel(int level) {
            encoder.pngLevel = SpecGrammar.flag(Flags.PNG_LEVEL, () -> PngOptions.defaults().withCompressionLevel(level))
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
            this.background = SpecGrammar.flag(Flags.BACKGROUND, () -> Background.parse(Objects.requireNonNull(color, "color")));
            return this;
        }

        /** {@code --ignore-orientation}: do not apply the EXIF orientation. */
        public Builder ignoreOrientation(boolean on) {
            this.ignoreOrientation = on;
            return this;
        }

        /** {@code --no-colour-convert}: leave ICC-tagged images' samples as stored (no conversion to sRGB). */
        public Builder noColourConvert(boolean on) {
            this.noColourConvert = on;
            return this;
        }

        /** {@code --max-pixels N}. */
        public Builder maxPixels(long pixels) {
            this.maxPixels = SpecGrammar.flag(Flags.MAX_PIXELS, () -> Limits.defaults().withMaxPixels(pixels)).maxPixels();
            return this;
        }

        /** {@code --max-side N}. */
        public Builder maxSide(int side) {
            this.maxSide = SpecGrammar.flag(Flags.MAX_SIDE, () -> Limits.defaults().withMaxSide(side)).maxSide();
            return this;
        }

        /** {@code --max-bytes N}. */
        public Builder maxBytes(long bytes) {
            this.maxBytes = SpecGrammar.flag(Flags.MAX_BYTES, () -> Limits.defaults().withMaxBytes(bytes)).maxBytes();
            return this;
        }

        /** {@code --allow FORMAT[,FORMAT...]}: adds to the allow-list; {@code all} allows every format. */
        public Builder allow(String formats) {
            for (String name : Objects.requireNonNull(formats, "formats").split(",", -1)) {
                if (name.trim().equalsIgnoreCase("all")) {
                    allowAll = true;
                } else {
                    allowed.add(SpecGrammar.named(Flags.ALLOW, name));
                }
            }
            return this;
        }

        /** {@code --keep-icc}: keep the source's ICC profile, no colour conversion. */
        public Builder keepIcc(boolean on) {
            this.keepIcc = on;
            return this;
        }

        /** {@code --keep-metadata}: keep the source's EXIF, XMP and ICC profile. */
        public Builder keepMetadata(boolean on) {
            this.keepMetadata = on;
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
            return new ConversionSpec(this, noUpscale ? fit.withUpscale(false) : fit);
        }

        private Builder resize(String option, Supplier<Fit> make) {
            if (resizeFlag != null) {
                throw new IllegalArgumentException(resizeFlag + " and " + option + " cannot be combined: give one resize");
            }
            this.fit = SpecGrammar.flag(option, make);
            this.resizeFlag = option;
            return this;
        }
    }
}
