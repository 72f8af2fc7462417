package dev.imbytes;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How to decode: pixel mode, EXIF orientation, size limits, which formats are allowed and whether
 * damaged files are an error. Immutable; every {@code with…} returns a copy.
 *
 * <p>Defaults: {@link ReadMode#COLOR}, orientation applied, {@link Limits#defaults()}, the
 * {@linkplain #DEFAULT_FORMATS default allow-list} (JPEG, PNG, WebP, TIFF, BMP), strict
 * decoding (a truncated or corrupt file is a {@link CorruptImageException}) and
 * {@linkplain #withConvertToSrgb(boolean) conversion to sRGB} of images with an ICC profile.
 *
 * <pre>{@code
 * DecodeOptions o = DecodeOptions.defaults()
 *         .withMode(ReadMode.UNCHANGED)          // keep alpha and 16-bit
 *         .withLimits(Limits.defaults().withMaxPixels(50_000_000))
 *         .allowing(Format.JPEG2000);            // opt in to a riskier decoder
 * }</pre>
 */
public final class DecodeOptions {

    /**
     * The formats decoded by default. JPEG 2000, PNM, PFM, Radiance HDR, OpenEXR and Sun raster
     * are opt-in: their decoders have a CVE history and little use in this domain, and several of
     * them make OpenCV go through a temporary file.
     */
    public static final Set<Format> DEFAULT_FORMATS = Collections.unmodifiableSet(defaultFormats());

    private static final DecodeOptions DEFAULTS =
            new DecodeOptions(ReadMode.COLOR, true, Limits.defaults(), EnumSet.copyOf(DEFAULT_FORMATS), false, true, false,
                    true);

    private final ReadMode mode;
    private final boolean applyOrientation;
    private final Limits limits;
    private final Set<Format> allowed;
    private final boolean lenient;
    private final boolean shrinkOnLoad;
    private final boolean tempFileAllowed;
    private final boolean convertToSrgb;

    private DecodeOptions(ReadMode mode, boolean applyOrientation, Limits limits, Set<Format> allowed, boolean lenient,
                          boolean shrinkOnLoad, boolean tempFileAllowed, boolean convertToSrgb) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.applyOrientation = applyOrientation;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.allowed = Collections.unmodifiableSet(allowed);
        this.lenient = lenient;
        this.shrinkOnLoad = shrinkOnLoad;
        this.tempFileAllowed = tempFileAllowed;
        this.convertToSrgb = convertToSrgb;
    }

    /** The formats whose row in {@link Format} says {@linkplain Format#decodedByDefault() decoded by default}. */
    private static EnumSet<Format> defaultFormats() {
        EnumSet<Format> formats = EnumSet.noneOf(Format.class);
        for (Format f : Format.values()) {
            if (f.decodedByDefault()) {
                formats.add(f);
            }
        }
        return formats;
    }

    /** Colour, orientation applied, default limits and allow-list, strict. */
    public static DecodeOptions defaults() {
        return DEFAULTS;
    }

    /** A copy with another pixel mode. */
    public DecodeOptions withMode(ReadMode mode) {
        return new DecodeOptions(mode, applyOrientation, limits, allowed, lenient, shrinkOnLoad, tempFileAllowed, convertToSrgb);
    }

    /** A copy that applies EXIF orientation ({@code true}, the default) or ignores it. */
    public DecodeOptions withApplyOrientation(boolean apply) {
        return new DecodeOptions(mode, apply, limits, allowed, lenient, shrinkOnLoad, tempFileAllowed, convertToSrgb);
    }

    /** A copy with other size limits. */
    public DecodeOptions withLimits(Limits limits) {
        return new DecodeOptions(mode, applyOrientation, limits, allowed, lenient, shrinkOnLoad, tempFileAllowed, convertToSrgb);
    }

    /**
     * A copy whose allow-list also holds {@code formats}. Not called {@code with…}: it adds to the
     * list instead of replacing it ({@link #withAllowedFormats(Set)} replaces it).
     */
    public DecodeOptions allowing(Format... formats) {
        EnumSet<Format> s = formatSet(Arrays.asList(Objects.requireNonNull(formats, "formats")));
        s.addAll(allowed);
        return new DecodeOptions(mode, applyOrientation, limits, s, lenient, shrinkOnLoad, tempFileAllowed, convertToSrgb);
    }

    /** A copy whose allow-list is exactly {@code formats}. */
    public DecodeOptions withAllowedFormats(Set<Format> formats) {
        EnumSet<Format> s = formatSet(Objects.requireNonNull(formats, "formats"));
        return new DecodeOptions(mode, applyOrientation, limits, s, lenient, shrinkOnLoad, tempFileAllowed, convertToSrgb);
    }

    /** The formats as a set of their own; a null element is a {@link NullPointerException} like any null argument. */
    private static EnumSet<Format> formatSet(Collection<Format> formats) {
        EnumSet<Format> s = EnumSet.noneOf(Format.class);
        for (Format f : formats) {
            s.add(Objects.requireNonNull(f, "format in formats"));
        }
        return s;
    }

    /** A copy that allows every format the bundled OpenCV reads. */
    public DecodeOptions allowingAllFormats() {
        return new DecodeOptions(mode, applyOrientation, limits, EnumSet.allOf(Format.class), lenient, shrinkOnLoad, tempFileAllowed, convertToSrgb);
    }

    /**
     * A copy that is lenient ({@code true}): a truncated or damaged file returns whatever the
     * decoder could recover instead of failing. Off by default.
     */
    public DecodeOptions withLenient(boolean on) {
        return new DecodeOptions(mode, applyOrientation, limits, allowed, on, shrinkOnLoad, tempFileAllowed, convertToSrgb);
    }

    /**
     * A copy that may ({@code true}, the default) or may not decode a JPEG at 1/2, 1/4 or 1/8 of its
     * size when a following resize makes the full size unnecessary. Off gives pixels identical to a
     * full {@code imdecode} + {@code resize}, at several times the cost.
     */
    public DecodeOptions withShrinkOnLoad(boolean on) {
        return new DecodeOptions(mode, applyOrientation, limits, allowed, lenient, on, tempFileAllowed, convertToSrgb);
    }

    /**
     * A copy that lets OpenCV decode through a temporary file ({@code true}) the formats it cannot
     * decode from memory: PFM, Radiance HDR, Sun raster (and OpenEXR). Off by default: those
     * formats are refused, since imbytes otherwise never touches the disk. They must also be allowed.
     */
    public DecodeOptions withTempFileAllowed(boolean allowed) {
        return new DecodeOptions(mode, applyOrientation, limits, this.allowed, lenient, shrinkOnLoad, allowed, convertToSrgb);
    }

    /**
     * A copy that converts images with an embedded ICC profile to sRGB ({@code true}, the default)
     * or leaves their samples as stored ({@code false}, what OpenCV alone does). The conversion
     * uses the JDK's colour management with perceptual intent, after any resize (so it works on
     * the small image); untagged images and images tagged sRGB are not touched. JPEG, PNG, WebP
     * and TIFF carry profiles; see the README's colour section for the details.
     */
    public DecodeOptions withConvertToSrgb(boolean convert) {
        return new DecodeOptions(mode, applyOrientation, limits, allowed, lenient, shrinkOnLoad, tempFileAllowed, convert);
    }

    /** Whether images with an embedded ICC profile are converted to sRGB. */
    public boolean convertToSrgb() {
        return convertToSrgb;
    }

    /** Whether OpenCV may decode through a temporary file. */
    public boolean tempFileAllowed() {
        return tempFileAllowed;
    }

    /** Whether JPEG shrink-on-load may be used before a resize. */
    public boolean shrinkOnLoad() {
        return shrinkOnLoad;
    }

    /** The pixel mode. */
    public ReadMode mode() {
        return mode;
    }

    /** Whether EXIF orientation is applied. */
    public boolean applyOrientation() {
        return applyOrientation;
    }

    /** The size limits. */
    public Limits limits() {
        return limits;
    }

    /** The formats that may be decoded. */
    public Set<Format> allowedFormats() {
        return allowed;
    }

    /** Whether damaged files decode to what could be recovered instead of failing. */
    public boolean lenient() {
        return lenient;
    }

    @Override
    public String toString() {
        return "DecodeOptions[mode=" + mode + ", orientation=" + applyOrientation + ", " + limits
                + ", allowed=" + allowed + ", lenient=" + lenient + ", shrinkOnLoad=" + shrinkOnLoad + ", tempFileAllowed=" + tempFileAllowed
                + ", convertToSrgb=" + convertToSrgb + "]";
    }
}
