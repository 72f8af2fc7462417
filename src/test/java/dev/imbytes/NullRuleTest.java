package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/**
 * The package's null rule (package-info.java), checked on every public method and constructor of
 * the option and value types and the facade: a {@code null} in any one reference parameter, all
 * others valid, throws {@link NullPointerException} with a message, never an
 * {@link IllegalArgumentException}, another exception, or success. A new public method that
 * forgets {@code Objects.requireNonNull} fails here.
 */
class NullRuleTest {
    /** The types this rule is checked on (Format and the exceptions belong to the format table's work). */
    private static final List<Class<?>> TYPES = List.of(Imbytes.class, Fit.class, Size.class, Conversion.class,
            ConversionSpec.class, ConversionSpec.Builder.class, EncodeOptions.class, JpegOptions.class,
            PngOptions.class, WebpOptions.class, TiffOptions.class, Jpeg2000Options.class, PlainOptions.class,
            Background.class, ChromaSubsampling.class, Limits.class, DecodeOptions.class, ImageInfo.class,
            ConversionResult.class, ImageMat.class);

    /** Text arguments that are valid for the method of this name (default: a format name). */
    private static final Map<String, String> TEXT = Map.of("exact", "2x2", "fit", "2x2", "cover", "2x2",
            "subsampling", "420", "background", "white", "parse", "420", "encode", ".png");

    @Test
    void everyNullArgumentIsANullPointerExceptionNamingIt() throws Exception {
        byte[] png = TestImages.bytes("valid/pngsuite/basn6a08.png");
        List<String> checked = new ArrayList<>();
        try (ImageMat image = Imbytes.decode(png)) {
            for (Class<?> type : TYPES) {
                List<Executable> members = new ArrayList<>(List.of(type.getConstructors()));
                for (Method m : type.getDeclaredMethods()) {
                    if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()
                            && !Set.of("equals", "valueOf", "compareTo").contains(m.getName())) {
                        members.add(m);
                    }
                }
                for (Executable member : members) {
                    if (member.getDeclaringClass() == ConversionSpec.class && member.getName().equals("parse")) {
                        continue; // the documented exception: null is the empty spec (ConversionSpecTest checks it)
                    }
                    Class<?>[] params = member.getParameterTypes();
                    for (int i = 0; i < params.length; i++) {
                        if (params[i].isPrimitive()) {
                            continue;
                        }
                        Object[] args = new Object[params.length];
                        for (int j = 0; j < params.length; j++) {
                            args[j] = j == i ? null : sample(params[j], member.getName(), png, image.mat());
                        }
                        Object target = Modifier.isStatic(member.getModifiers()) || member instanceof Constructor
                                ? null : instance(type, image.mat());
                        String where = member + " argument " + i;
                        Throwable thrown = call(member, target, args);
                        if (!(thrown instanceof NullPointerException)) {
                            fail(where + ": expected NullPointerException, got " + thrown);
                        }
                        assertNotNull(thrown.getMessage(), where + ": the exception names the parameter");
                        checked.add(where);
                    }
                }
            }
        }
        assertTrue(checked.size() > 60, "checked " + checked.size() + " null arguments");
    }

    @Test
    void theMessageIsTheParameterName() {
        NullPointerException e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> Conversion.to(Format.PNG).withFit(null));
        assertEquals("fit", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> DecodeOptions.defaults().allowing(Format.PNG, null));
        assertEquals("format in formats", e.getMessage());
    }

    private static Throwable call(Executable member, Object target, Object[] args) throws Exception {
        try {
            Object result = member instanceof Constructor<?> c ? c.newInstance(args) : ((Method) member).invoke(target, args);
            if (result instanceof AutoCloseable closeable) {
                closeable.close();
            }
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
    }

    private static Object instance(Class<?> type, Mat mat) {
        Map<Class<?>, Object> instances = Map.ofEntries(
                Map.entry(Fit.class, Fit.within(2, 2)), Map.entry(Conversion.class, Conversion.to(Format.PNG)),
                Map.entry(ConversionSpec.class, ConversionSpec.parse("--fit 2x2")),
                Map.entry(ConversionSpec.Builder.class, ConversionSpec.builder()),
                Map.entry(JpegOptions.class, JpegOptions.defaults()), Map.entry(PngOptions.class, PngOptions.defaults()),
                Map.entry(WebpOptions.class, WebpOptions.defaults()), Map.entry(TiffOptions.class, TiffOptions.defaults()),
                Map.entry(Jpeg2000Options.class, Jpeg2000Options.defaults()),
                Map.entry(PlainOptions.class, PlainOptions.of(Format.BMP)),
                Map.entry(DecodeOptions.class, DecodeOptions.defaults()), Map.entry(Limits.class, Limits.defaults()));
        Object o = instances.get(type);
        if (o == null) {
            throw new AssertionError("no instance of " + type + " to call its methods on");
        }
        return o;
    }

    private static java.nio.file.Path pngFile;

    /** One PNG file for every {@code Path} parameter, written once. */
    private static java.nio.file.Path pngFile(byte[] png) {
        try {
            if (pngFile == null) {
                pngFile = java.nio.file.Files.createTempFile("imbytes-null-rule", ".png");
                pngFile.toFile().deleteOnExit();
                java.nio.file.Files.write(pngFile, png);
            }
            return pngFile;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Object sample(Class<?> type, String method, byte[] png, Mat mat) {
        if (type == String.class) {
            return TEXT.getOrDefault(method, "png");
        }
        if (type.isPrimitive()) { // 5 is also a valid BufferedImage type (TYPE_3BYTE_BGR) for toBufferedImage
            return type == boolean.class ? (Object) true : type == double.class ? (Object) 0.5
                    : type == long.class ? (Object) 5L : (Object) BufferedImage.TYPE_3BYTE_BGR;
        }
        Map<Class<?>, Object> samples = Map.ofEntries(
                Map.entry(byte[].class, png), Map.entry(ByteBuffer.class, ByteBuffer.wrap(png)),
                Map.entry(InputStream.class, new ByteArrayInputStream(png)),
                Map.entry(OutputStream.class, new ByteArrayOutputStream()), Map.entry(Mat.class, mat),
                Map.entry(java.nio.file.Path.class, pngFile(png)), Map.entry(ColorModel.class, ColorModel.RGB),
                Map.entry(BufferedImage.class, new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR)),
                Map.entry(Format.class, Format.PNG), Map.entry(Format[].class, new Format[] {Format.PNG}),
                Map.entry(Set.class, Set.of(Format.PNG)), Map.entry(EncodeOptions.class, PngOptions.defaults()),
                Map.entry(DecodeOptions.class, DecodeOptions.defaults()), Map.entry(Fit.class, Fit.within(2, 2)),
                Map.entry(Conversion.class, Conversion.to(Format.PNG)), Map.entry(Background.class, Background.WHITE),
                Map.entry(Limits.class, Limits.defaults()), Map.entry(Size.class, new Size(2, 2)),
                Map.entry(Interpolation.class, Interpolation.AREA), Map.entry(ReadMode.class, ReadMode.COLOR),
                Map.entry(ChromaSubsampling.class, ChromaSubsampling.S444),
                Map.entry(PngOptions.Strategy.class, PngOptions.Strategy.RLE),
                Map.entry(TiffOptions.Compression.class, TiffOptions.Compression.DEFLATE),
                Map.entry(OptionalInt.class, OptionalInt.of(1)), Map.entry(java.util.List.class, java.util.List.of("a warning")));
        if (!samples.containsKey(type)) {
            throw new AssertionError("no sample " + type.getSimpleName() + " for " + method + ": add one");
        }
        return samples.get(type);
    }
}
