package dev.imbytes.internal.pipeline;

import dev.imbytes.internal.codec.Decoder;
import dev.imbytes.internal.colour.SrgbConversion;
import dev.imbytes.internal.colour.SrgbConversions;
import dev.imbytes.internal.codec.Encoder;
import dev.imbytes.internal.codec.FourComponentJpeg;
import dev.imbytes.internal.metadata.MetadataBlocks;
import dev.imbytes.internal.metadata.MetadataReader;
import dev.imbytes.internal.metadata.MetadataWriter;
import dev.imbytes.internal.nativelib.MatScope;
import dev.imbytes.internal.nativelib.NativeLibrary;
import dev.imbytes.internal.probe.HeaderProbe;
import dev.imbytes.internal.probe.ImageHeader;
import dev.imbytes.internal.probe.tiff.TiffProbe;

import dev.imbytes.Background;
import dev.imbytes.Conversion;
import dev.imbytes.ConversionResult;
import dev.imbytes.CorruptImageException;
import dev.imbytes.DecodeOptions;
import dev.imbytes.EncodeOptions;
import dev.imbytes.Fit;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.ImageInfo;
import dev.imbytes.ImageTooLargeException;
import dev.imbytes.Limits;
import dev.imbytes.Size;
import dev.imbytes.UnsupportedFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.opencv.core.CvException;
import org.opencv.core.Mat;

/**
 * The one conversion pipeline that the facade, the CLI, {@code bench} and Spark all call:
 * probe → limits → plan → decode → orient → resize → colour (to sRGB) → adapt → encode. Every Mat it makes belongs
 * to a {@link MatScope}.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /**
     * A decoded, upright image and the header it came from. The Mat belongs to the caller's scope.
     *
     * @param toSrgb   the conversion to sRGB still to be applied (after the resize), or null when
     *                 none is due or it was applied already (no resize planned, or a CMYK file)
     * @param warnings what was not done as asked (an ignored ICC profile), for the result
     */
    public record Decoded(Mat mat, ImageHeader header, Plan plan, boolean partial, SrgbConversion toSrgb,
                          List<String> warnings) {
    }

    /**
     * Reads and checks the header: known format, allowed, decodable without a temporary file,
     * within the limits, and (unless lenient) structurally whole. No native call.
     */
    public static ImageHeader inspect(ByteBuffer input, DecodeOptions options) {
        Limits limits = options.limits();
        if (input.remaining() > limits.maxBytes()) {
            throw new ImageTooLargeException("the input is " + input.remaining() + " bytes, over the limit of "
                    + limits.maxBytes() + " bytes");
        }
        ImageHeader header = HeaderProbe.probe(input);
        return about(header, input, () -> checkHeader(input, header, options));
    }

    private static ImageHeader checkHeader(ByteBuffer input, ImageHeader header, DecodeOptions options) {
        Limits limits = options.limits();
        Format f = header.format();
        // Size first: a decompression bomb is refused as one, whatever its format.
        SizeLimits.checkSize(header.width(), header.height(), limits, "declares");
        if (!options.allowedFormats().contains(f)) {
            throw new UnsupportedFormatException(f + " input is not allowed (allowed: " + options.allowedFormats()
                    + "; opt in with DecodeOptions.allowing(Format." + f.name() + "))");
        }
        if (!f.canRead()) {
            throw new UnsupportedFormatException("the bundled OpenCV " + org.opencv.core.Core.VERSION
                    + " has no decoder for " + f + " (" + header.width() + "x" + header.height() + ")");
        }
        if (!f.decodesInMemory() && !options.tempFileAllowed()) {
            throw new UnsupportedFormatException("OpenCV 4.9 decodes " + f + " only through a temporary file, and imbytes"
                    + " never touches the disk unless allowed (DecodeOptions.withTempFileAllowed(true))");
        }
        ImageHeader checked = header;
        if (f == Format.TIFF) { // lenient too: these would make the decoder log or allocate out of proportion
            checked = TiffProbe.checkDecoder(input, header);
        }
        if (checked.defect() != null && !options.lenient()) {
            throw new CorruptImageException(Decoder.describe(checked) + " is damaged: " + checked.defect());
        }
        SizeLimits.checkDecode(input, checked, options.mode(), limits);
        return checked;
    }

    /**
     * Decodes and orients, with shrink-on-load when {@code fit} allows it.
     *
     * @param fit the resize that will follow, or {@code null}: planned here, once, and carried in
     *            the result's {@link Plan} for {@link #resize(Decoded, Limits, MatScope)}
     */
    public static Decoded decode(ByteBuffer input, DecodeOptions options, Fit fit, MatScope scope) {
        return lastResort(() -> decodeChecked(input, options, fit, scope));
    }

    private static Decoded decodeChecked(ByteBuffer input, DecodeOptions options, Fit fit, MatScope scope) {
        NativeLibrary.ensureLoaded();
        ImageHeader header = inspect(input, options);
        return about(header, input, () -> decodeInspected(input, header, options, fit, scope));
    }

    private static Decoded decodeInspected(ByteBuffer input, ImageHeader header, DecodeOptions options, Fit fit,
                                           MatScope scope) {
        Plan plan = planFor(header, options, fit);
        List<String> warnings = new ArrayList<>();
        SrgbConversion toSrgb = options.convertToSrgb()
                ? SrgbConversions.of(input, header, options.limits(), warnings::add).orElse(null)
                : null;
        Mat decoded = decodePlanned(input, header, options, plan, toSrgb, scope);
        if (Plan.isFourComponent(header)) {
            toSrgb = null; // the inks went through the profile while decoding: there is no CMYK Mat
        }
        SizeLimits.checkDecoded(decoded, plan.reduction(), options.limits());
        Mat upright = Orientation.apply(decoded, plan.orientation(), scope);
        if (upright != decoded) {
            scope.releaseEarly(decoded);
        }
        if (toSrgb != null && plan.resize().isEmpty()) {
            toSrgb.convertInPlace(upright); // no resize to wait for: the caller gets sRGB pixels
            toSrgb = null;
        }
        return new Decoded(upright, header, plan, header.defect() != null, toSrgb, List.copyOf(warnings));
    }

    /** The decoder alone, at the plan's scale; a four-component JPEG through {@code profile} when given. */
    private static Mat decodePlanned(ByteBuffer input, ImageHeader header, DecodeOptions options, Plan plan,
                                     SrgbConversion profile, MatScope scope) {
        return Plan.isFourComponent(header) ? FourComponentJpeg.decode(input, header, options.mode(), profile, scope)
                : Decoder.decode(input, header, options, plan, scope);
    }

    /**
     * A checked header and the plan a decode of it for {@code fit} follows, made once so that
     * {@link #decodeOnly} can repeat only the decoding (for {@code bench --decode-only}).
     */
    public record Planned(ImageHeader header, Plan plan) {
    }

    /** Inspects {@code input} and plans its decode for {@code fit}, as {@link #decode} does first. */
    public static Planned plan(ByteBuffer input, DecodeOptions options, Fit fit) {
        return lastResort(() -> {
            NativeLibrary.ensureLoaded();
            ImageHeader header = inspect(input, options);
            return new Planned(header, planFor(header, options, fit));
        });
    }

    private static Plan planFor(ImageHeader header, DecodeOptions options, Fit fit) {
        return Plan.of(header, options.applyOrientation(), fit, options.shrinkOnLoad());
    }

    /**
     * Only the decoder, at the planned scale (shrink-on-load included): no orientation, resize,
     * colour conversion or encoding. What a conversion spends beyond this is the pipeline's own
     * cost; {@code bench --decode-only} reports it as the limit a conversion can approach.
     */
    public static Mat decodeOnly(ByteBuffer input, Planned planned, DecodeOptions options, MatScope scope) {
        return about(planned.header(), input,
                () -> decodePlanned(input, planned.header(), options, planned.plan(), null, scope));
    }

    /**
     * Resizes a decoded image to the size its plan decided (the Mat may be reduced); without a
     * planned resize, the image itself.
     *
     * @throws ImageTooLargeException when the result would be over {@code limits}, before any native call
     */
    public static Mat resize(Decoded image, Limits limits, MatScope scope) {
        return image.plan().resize()
                .map(target -> lastResort(() -> Resizer.apply(image.mat(), target, limits, scope)))
                .orElse(image.mat());
    }

    /**
     * Resizes any Mat with {@code fit}.
     *
     * @throws ImageTooLargeException when the result would be over {@code limits}, before any native call
     */
    public static Mat resize(Mat image, Fit fit, Limits limits, MatScope scope) {
        ResizeTarget target = ResizeTarget.of(fit, new Size(image.cols(), image.rows()));
        return lastResort(() -> Resizer.apply(image, target, limits, scope));
    }

    /** Adapts an image to what {@code options.format()} can store, then encodes it. */
    public static byte[] encode(Mat image, EncodeOptions options, Background background, MatScope scope) {
        return lastResort(() -> {
            NativeLibrary.ensureLoaded();
            Encoder.checkWritable(options);
            return adaptAndEncode(image, null, options, background, scope);
        });
    }

    /**
     * Adapts and encodes to a format the caller has checked with {@link Encoder#checkWritable}.
     * With {@code limits} (a conversion: {@code image} is its own), the encoder's working memory is
     * checked against them and {@code image} is released as soon as an adapted copy replaces it.
     */
    private static byte[] adaptAndEncode(Mat image, Limits limits, EncodeOptions options, Background background,
                                         MatScope scope) {
        if (image.empty()) {
            throw new IllegalArgumentException("cannot encode an empty Mat");
        }
        Mat adapted = TargetAdapter.adapt(image, options.format(), background, scope);
        if (limits != null) {
            if (adapted != image) {
                scope.releaseEarly(image); // peak memory: the source and its adapted copy, never more
            }
            SizeLimits.checkEncode(adapted, options, limits);
        }
        return Encoder.encode(adapted, options, scope);
    }

    /**
     * Decodes, resizes and adapts as {@link #convert} does, and stops before the encoder: the Mat
     * the conversion would encode, owned by {@code scope} (for {@code bench --encode-only}).
     */
    public static Mat prepare(ByteBuffer input, Conversion conversion, MatScope scope) {
        return lastResort(() -> {
            Decoded decoded = decode(input, conversion.decodeOptions(), conversion.fit().orElse(null), scope);
            EncodeOptions encode = conversion.encodeOptions().orElseGet(() -> EncodeOptions.of(decoded.header().format()));
            Mat resized = resize(decoded, conversion.decodeOptions().limits(), scope);
            return TargetAdapter.adapt(resized, encode.format(), conversion.background(), scope);
        });
    }

    /** The whole conversion, owning and releasing every intermediate Mat. */
    public static ConversionResult convert(ByteBuffer input, Conversion conversion) {
        return lastResort(() -> convertChecked(input, conversion));
    }

    private static ConversionResult convertChecked(ByteBuffer input, Conversion conversion) {
        try (MatScope scope = new MatScope()) {
            Fit fit = conversion.fit().orElse(null);
            // The one place the two options meet: a kept profile travels with the pixels of its own
            // space, so they are not converted to sRGB.
            DecodeOptions options = conversion.keepIccProfile() ? conversion.decodeOptions().withConvertToSrgb(false)
                    : conversion.decodeOptions();
            Decoded decoded = decode(input, options, fit, scope);
            return about(decoded.header(), input, () -> encodeDecoded(input, decoded, conversion, scope));
        }
    }

    private static ConversionResult encodeDecoded(ByteBuffer input, Decoded decoded, Conversion conversion,
                                                  MatScope scope) {
        Format inputFormat = decoded.header().format();
        EncodeOptions encode = conversion.encodeOptions().orElseGet(() -> EncodeOptions.of(inputFormat));
        Encoder.checkWritable(encode); // the one check: before the resize, so no work is done for nothing
        Mat resized = resize(decoded, conversion.decodeOptions().limits(), scope);
        if (resized != decoded.mat()) {
            scope.releaseEarly(decoded.mat()); // a crop's view keeps its own reference to the pixels
        }
        if (decoded.toSrgb() != null) {
            lastResort(() -> decoded.toSrgb().convertInPlace(resized)); // on the small image: the cost follows the output size
        }
        int width = resized.cols();
        int height = resized.rows();
        byte[] bytes = adaptAndEncode(resized, conversion.decodeOptions().limits(), encode, conversion.background(), scope);
        List<String> warnings = decoded.warnings();
        if (conversion.keepIccProfile()) {
            MetadataBlocks kept = MetadataReader.read(input, inputFormat, conversion.keepMetadata(),
                    conversion.decodeOptions().limits().maxIccBytes(), conversion.decodeOptions().applyOrientation());
            bytes = MetadataWriter.splice(bytes, encode.format(), kept, width, height,
                    HeaderProbe.probe(ByteBuffer.wrap(bytes)).channels());
            warnings = new ArrayList<>(warnings);
            warnings.addAll(kept.warnings());
        }
        return new ConversionResult(bytes, inputFormat, decoded.header().width(), decoded.header().height(),
                encode.format(), width, height, decoded.partial(), warnings);
    }

    /** What {@link dev.imbytes.Imbytes#info} reports for a header read from {@code byteSize} bytes. */
    public static ImageInfo info(ImageHeader h, long byteSize) {
        return new ImageInfo(h.format(), h.width(), h.height(), h.channels(), h.bitDepth(),
                h.orientationTag() < 0 ? OptionalInt.empty() : OptionalInt.of(h.orientationTag()),
                h.colorModel(), byteSize);
    }

    /**
     * Runs a step that comes after the header was read, so that any error it raises (an OpenCV one
     * included, through {@link #lastResort}) carries that header.
     */
    private static <T> T about(ImageHeader header, ByteBuffer input, Supplier<T> step) {
        try {
            return lastResort(step);
        } catch (ImageException e) {
            throw e.initImage(info(header, input.remaining()));
        }
    }

    /**
     * The last line of defence behind the checks made before each native call: an OpenCV error
     * that still gets through (an allocation OpenCV refuses, an assertion in a codec) leaves the
     * library as an {@link ImageException}, never as a raw {@link CvException}.
     */
    static <T> T lastResort(Supplier<T> call) {
        try {
            return call.get();
        } catch (CvException e) {
            throw new ImageException("OpenCV failed: " + Encoder.firstLine(e.getMessage()), e);
        }
    }
}
