package dev.imbytes;

import dev.imbytes.ConversionSpec.Builder;
import dev.imbytes.ConversionSpec.Flags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The spec string's grammar: words (quotes group them), each flag of {@link Flags} followed by its
 * value (next word or after {@code =}), fed one by one into a {@link ConversionSpec.Builder}, which
 * checks the values. Only the words are handled here, so the CLI (whose parser reads the words
 * itself) and a spec string end in the same builder.
 */
final class SpecGrammar {
    /** What a flag does with its value; switches ignore the value (always null). */
    private record Flag(boolean takesValue, BiConsumer<Builder, String> apply) {
    }

    private static final Map<String, Flag> FLAGS = Map.ofEntries(
            Map.entry(Flags.TO, value(Builder::to)),
            Map.entry(Flags.EXACT, value(Builder::exact)),
            Map.entry(Flags.FIT, value(Builder::fit)),
            Map.entry(Flags.COVER, value(Builder::cover)),
            Map.entry(Flags.WIDTH, value((b, v) -> b.width(integer(Flags.WIDTH, v)))),
            Map.entry(Flags.HEIGHT, value((b, v) -> b.height(integer(Flags.HEIGHT, v)))),
            Map.entry(Flags.SCALE, value((b, v) -> b.scale(decimal(Flags.SCALE, v)))),
            Map.entry(Flags.NO_UPSCALE, toggle(b -> b.noUpscale(true))),
            Map.entry(Flags.QUALITY, value((b, v) -> b.quality(integer(Flags.QUALITY, v)))),
            Map.entry(Flags.PROGRESSIVE, toggle(b -> b.progressive(true))),
            Map.entry(Flags.SUBSAMPLING, value(Builder::subsampling)),
            Map.entry(Flags.PNG_LEVEL, value((b, v) -> b.pngLevel(integer(Flags.PNG_LEVEL, v)))),
            Map.entry(Flags.LOSSLESS, toggle(b -> b.lossless(true))),
            Map.entry(Flags.BACKGROUND, value(Builder::background)),
            Map.entry(Flags.IGNORE_ORIENTATION, toggle(b -> b.ignoreOrientation(true))),
            Map.entry(Flags.NO_COLOUR_CONVERT, toggle(b -> b.noColourConvert(true))),
            Map.entry(Flags.MAX_PIXELS, value((b, v) -> b.maxPixels(whole(Flags.MAX_PIXELS, v)))),
            Map.entry(Flags.MAX_SIDE, value((b, v) -> b.maxSide(integer(Flags.MAX_SIDE, v)))),
            Map.entry(Flags.MAX_BYTES, value((b, v) -> b.maxBytes(whole(Flags.MAX_BYTES, v)))),
            Map.entry(Flags.ALLOW, value(Builder::allow)),
            Map.entry(Flags.KEEP_ICC, toggle(b -> b.keepIcc(true))),
            Map.entry(Flags.KEEP_METADATA, toggle(b -> b.keepMetadata(true))));

    private SpecGrammar() {
    }

    static ConversionSpec parse(String spec) {
        Builder b = ConversionSpec.builder();
        Set<String> seen = new HashSet<>();
        List<String> words = words(spec);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            int eq = word.startsWith("--") ? word.indexOf('=') : -1;
            String name = eq > 0 ? word.substring(0, eq) : word;
            Flag flag = FLAGS.get(name);
            if (flag == null) {
                throw new IllegalArgumentException((word.startsWith("-") ? "unknown flag " : "unexpected word ")
                        + "\"" + word + "\" (a spec holds only conversion flags, e.g. --fit 256x256 --to webp)");
            }
            if (!seen.add(name) && !name.equals(Flags.ALLOW)) {
                throw new IllegalArgumentException(name + " is given more than once");
            }
            String value = null;
            if (eq > 0) {
                if (!flag.takesValue()) {
                    throw new IllegalArgumentException(name + " takes no value, was \"" + word + "\"");
                }
                value = word.substring(eq + 1);
            } else if (flag.takesValue()) {
                if (i + 1 == words.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = words.get(++i);
            }
            flag.apply().accept(b, value);
        }
        return b.build();
    }

    private static Flag value(BiConsumer<Builder, String> apply) {
        return new Flag(true, apply);
    }

    private static Flag toggle(java.util.function.Consumer<Builder> apply) {
        return new Flag(false, (b, ignored) -> apply.accept(b));
    }

    private static int integer(String flag, String v) {
        long n = whole(flag, v);
        if (n != (int) n) {
            throw new IllegalArgumentException(flag + " is out of range, was " + v);
        }
        return (int) n;
    }

    private static long whole(String flag, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a whole number, was \"" + v + "\"");
        }
    }

    private static double decimal(String flag, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number such as 0.5, was \"" + v + "\"");
        }
    }

    /** The format {@code name} names; an unknown one is refused naming {@code option}. */
    static Format named(String option, String name) {
        try {
            return Format.fromExtension(name);
        } catch (UnsupportedFormatException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code make}; a bad value's message gets the flag's name in front. */
    static <T> T flag(String option, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException | ImageException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** {@code WxH} as {width, height}, both > 0. */
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

    /** The spec split into words: whitespace separates, single or double quotes group. */
    static List<String> words(String spec) {
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
        return out;
    }
}
