package dev.imbytes;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The colour that transparent pixels are flattened onto when the output format has no alpha
 * (JPEG, BMP). White by default.
 *
 * <pre>{@code
 * Background.WHITE; Background.rgb(0, 0, 0); Background.parse("#ff8800"); Background.parse("black");
 * }</pre>
 *
 * @param red   0..255
 * @param green 0..255
 * @param blue  0..255
 */
public record Background(int red, int green, int blue) {
    /** White, the default. */
    public static final Background WHITE = new Background(255, 255, 255);
    /** Black. */
    public static final Background BLACK = new Background(0, 0, 0);

    private static final Map<String, Background> NAMES = Map.of(
            "white", WHITE, "black", BLACK, "red", new Background(255, 0, 0),
            "green", new Background(0, 128, 0), "blue", new Background(0, 0, 255),
            "gray", new Background(128, 128, 128), "grey", new Background(128, 128, 128));

    /** Validates each component. */
    public Background {
        Check.range("background red", red, 0, 255);
        Check.range("background green", green, 0, 255);
        Check.range("background blue", blue, 0, 255);
    }

    /** A colour from its components (0..255 each). */
    public static Background rgb(int red, int green, int blue) {
        return new Background(red, green, blue);
    }

    /**
     * Parses {@code #rrggbb}, {@code rrggbb}, {@code #rgb}, {@code r,g,b} or a name (white, black,
     * red, green, blue, gray).
     *
     * @throws IllegalArgumentException when the text is none of these
     */
    public static Background parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim().toLowerCase(Locale.ROOT);
        Background named = NAMES.get(t);
        if (named != null) {
            return named;
        }
        try {
            if (t.contains(",")) {
                String[] p = t.split(",");
                if (p.length == 3) {
                    return rgb(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()));
                }
            } else {
                String hex = t.startsWith("#") ? t.substring(1) : t;
                if (hex.length() == 3) {
                    hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
                }
                if (hex.length() == 6) {
                    int v = Integer.parseInt(hex, 16);
                    return rgb(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff);
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("background colour must be #rrggbb, #rgb, r,g,b or a name "
                + "(white, black, red, green, blue, gray); was \"" + text + "\"");
    }
}
