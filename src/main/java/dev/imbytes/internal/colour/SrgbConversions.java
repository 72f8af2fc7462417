package dev.imbytes.internal.colour;

import dev.imbytes.internal.metadata.IccProfileReader;
import dev.imbytes.internal.probe.ImageHeader;

import dev.imbytes.ColorModel;
import dev.imbytes.Limits;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decides, once per distinct embedded profile, how an image is brought to sRGB: not at all (no
 * profile, or one that is sRGB already), or through a prepared {@link SrgbConversion}. Parsing a
 * profile and building its transform cost milliseconds, far more than converting a thumbnail, so
 * the decision is cached, keyed by the MD5 of the profile's bytes (a few dozen distinct profiles
 * cover a photo library: cameras, phones and editors embed the same few).
 */
public final class SrgbConversions {
    /** Distinct profiles remembered; the least recently used is forgotten first. */
    static final int CACHE_SIZE = 32;
    /** An 8-bit sample may move this much and the profile still count as sRGB (rounding between engines). */
    static final int SRGB_TOLERANCE = 1;
    /** Offset of the profile/device class field in the ICC header. */
    private static final int CLASS_OFFSET = 12;
    /** Offset of the profile ID (an MD5 over the profile, all zero when not computed). */
    private static final int ID_OFFSET = 84;
    private static final byte[] INPUT_CLASS = {'s', 'c', 'n', 'r'};

    /** A profile's verdict: a conversion, or none, with the warning to repeat for each image that has it. */
    private record Verdict(SrgbConversion conversion, String warning) {
    }

    private static final Map<String, Verdict> CACHE = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private SrgbConversions() {
    }

    /**
     * The conversion that brings the image in {@code input} to sRGB, or empty when it needs none
     * (untagged, or tagged sRGB) or its profile cannot be used; then {@code warnings} says why,
     * unless it is simply sRGB or absent.
     */
    public static Optional<SrgbConversion> of(ByteBuffer input, ImageHeader header, Limits limits,
                                              Consumer<String> warnings) {
        Optional<byte[]> icc = IccProfileReader.read(input, header.format(), limits.maxIccBytes(), warnings);
        if (icc.isEmpty()) {
            return Optional.empty();
        }
        Verdict verdict = forProfile(icc.get());
        if (verdict.warning() != null) {
            warnings.accept(verdict.warning());
            return Optional.empty();
        }
        SrgbConversion conversion = verdict.conversion();
        if (conversion != null && conversion.kind() != kindOf(header)) {
            warnings.accept("the embedded ICC profile was ignored: it describes " + conversion.kind()
                    + " samples, but the image's are " + header.colorModel().id());
            return Optional.empty();
        }
        return Optional.ofNullable(conversion);
    }

    /** What kind of profile the image's stored samples call for. */
    private static SrgbConversion.Kind kindOf(ImageHeader header) {
        ColorModel model = header.colorModel();
        if (model == ColorModel.GRAY || model == ColorModel.GRAY_ALPHA
                || model == ColorModel.UNKNOWN && header.channels() <= 2) {
            return SrgbConversion.Kind.GREY;
        }
        return model == ColorModel.CMYK || model == ColorModel.YCCK ? SrgbConversion.Kind.CMYK : SrgbConversion.Kind.RGB;
    }

    /** The cached verdict for a profile, made on first sight. */
    static Verdict forProfile(byte[] icc) {
        String key = md5(icc);
        synchronized (CACHE) {
            Verdict known = CACHE.get(key);
            if (known != null) {
                return known;
            }
        }
        Verdict verdict = judge(icc);
        synchronized (CACHE) {
            CACHE.put(key, verdict);
        }
        return verdict;
    }

    private static Verdict judge(byte[] icc) {
        try {
            ICC_Profile profile = ICC_Profile.getInstance(perceptual(icc));
            SrgbConversion.Kind kind = switch (profile.getColorSpaceType()) {
                case ColorSpace.TYPE_RGB -> SrgbConversion.Kind.RGB;
                case ColorSpace.TYPE_GRAY -> SrgbConversion.Kind.GREY;
                case ColorSpace.TYPE_CMYK -> SrgbConversion.Kind.CMYK;
                default -> null;
            };
            if (kind == null) {
                return new Verdict(null, "the embedded ICC profile was ignored: its colour space (type "
                        + profile.getColorSpaceType() + ") is not RGB, grey or CMYK");
            }
            SrgbConversion conversion = new SrgbConversion(kind, new ICC_ColorSpace(profile), description(profile));
            return conversion.isIdentity(SRGB_TOLERANCE) ? new Verdict(null, null) : new Verdict(conversion, null);
        } catch (RuntimeException e) {
            // The profile is untrusted input to the JDK's parser and LittleCMS, whose failures are
            // documented only in part (CMMException, ProfileDataException, IllegalArgumentException):
            // whatever they throw means the profile cannot be used, not that the image is bad.
            return new Verdict(null, "the embedded ICC profile was ignored: the JDK's colour management cannot use it ("
                    + e + ")");
        }
    }

    /**
     * The profile, made to convert with perceptual intent. ColorConvertOp ignores the header's
     * rendering intent: it converts perceptually unless the first profile's class is output
     * (a printer profile, as CMYK profiles are), which it converts relative colorimetric. Such a
     * profile is relabelled as an input profile, whose A2B0 table LittleCMS then uses for the
     * perceptual intent, and its profile ID, which covers the class, is cleared (zero means "not
     * computed").
     */
    static byte[] perceptual(byte[] icc) {
        if (icc.length < ID_OFFSET + 16 || ByteBuffer.wrap(icc, CLASS_OFFSET, 4).getInt() != ICC_Profile.icSigOutputClass) {
            return icc;
        }
        byte[] copy = icc.clone();
        System.arraycopy(INPUT_CLASS, 0, copy, CLASS_OFFSET, INPUT_CLASS.length);
        java.util.Arrays.fill(copy, ID_OFFSET, ID_OFFSET + 16, (byte) 0);
        return copy;
    }

    /** The profile's 'desc' text when it is a v2 textDescriptionType, else "an ICC profile". */
    private static String description(ICC_Profile profile) {
        byte[] desc = profile.getData(ICC_Profile.icSigProfileDescriptionTag);
        if (desc != null && desc.length > 12 && desc[0] == 'd' && desc[1] == 'e' && desc[2] == 's' && desc[3] == 'c') {
            int n = ByteBuffer.wrap(desc, 8, 4).getInt();
            if (n > 1 && n <= desc.length - 12) {
                return new String(desc, 12, n - 1, StandardCharsets.ISO_8859_1);
            }
        }
        return "an ICC profile";
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
