/**
 * imbytes' public API: images to encoded bytes in memory, and back, through OpenCV. Start at
 * {@link dev.imbytes.Imbytes}.
 *
 * <p><b>Naming.</b> Option and value types are immutable. A setting {@code x} is read with the
 * plain accessor {@code x()} and changed with {@code withX(value)}, which returns a validated
 * copy ({@code Fit.within(500, 500).withUpscale(false)},
 * {@code Conversion.to(Format.WEBP).withFit(fit)}, {@code JpegOptions.quality(85).withProgressive(true)}).
 * Instances come from static factories named for what they make ({@code Fit.within(w, h)},
 * {@code JpegOptions.quality(85)}, {@code Conversion.to(format)}, {@code PlainOptions.of(format)},
 * {@code defaults()}). The one exception, {@code DecodeOptions.allowing(...)}, adds to the
 * allow-list rather than replacing a setting, and says so by its name.
 *
 * <p><b>Null.</b> No method takes {@code null}: a {@code null} argument throws
 * {@link java.lang.NullPointerException} whose message names the parameter, before any work is
 * done. "Not set" is an empty {@link java.util.Optional} or {@link java.util.OptionalInt}, never
 * {@code null} or {@code -1}. The one exception is {@link dev.imbytes.ConversionSpec#parse(String)},
 * which reads {@code null} as the empty spec, because a spec often comes from a configuration
 * value or an SQL column that may be missing. Values out of range throw
 * {@link java.lang.IllegalArgumentException} naming the option and its range.
 */
package dev.imbytes;
