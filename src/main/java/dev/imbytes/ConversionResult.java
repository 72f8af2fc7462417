package dev.imbytes;

import java.util.List;
import java.util.Objects;

/**
 * The encoded bytes of a conversion and what was converted.
 *
 * @param bytes        the encoded output (never empty)
 * @param inputFormat  the format recognised in the input
 * @param inputWidth   the input's stored width (before orientation)
 * @param inputHeight  the input's stored height (before orientation)
 * @param outputFormat the format written
 * @param outputWidth  the output's width
 * @param outputHeight the output's height
 * @param partial      true when a lenient decode recovered only part of a damaged input
 * @param warnings     what the conversion did not do as asked and why, one sentence each (for
 *                     example an embedded ICC profile that was malformed or over
 *                     {@link Limits#maxIccBytes()} and so was ignored, or metadata that
 *                     {@link Conversion#withKeepMetadata(boolean)} could not keep); empty when nothing
 *                     deserves a word. Unmodifiable.
 */
public record ConversionResult(byte[] bytes, Format inputFormat, int inputWidth, int inputHeight,
                               Format outputFormat, int outputWidth, int outputHeight, boolean partial,
                               List<String> warnings) {

    /** Refuses {@code null} components, as every constructor of the API does; copies the warnings. */
    public ConversionResult {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(inputFormat, "inputFormat");
        Objects.requireNonNull(outputFormat, "outputFormat");
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /** A result without warnings (the constructor of releases before {@link #warnings()} existed). */
    public ConversionResult(byte[] bytes, Format inputFormat, int inputWidth, int inputHeight,
                            Format outputFormat, int outputWidth, int outputHeight, boolean partial) {
        this(bytes, inputFormat, inputWidth, inputHeight, outputFormat, outputWidth, outputHeight, partial, List.of());
    }
}
