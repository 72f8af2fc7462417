package dev.imbytes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.Conversion;
import dev.imbytes.DecodeOptions;
import dev.imbytes.Format;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The limit and allow-list flags of a spec string. */
class ConversionOptionsLimitsTest {

    @Test
    void limitsAndAllowListComeFromTheSpec() {
        Conversion c = ConversionOptions.parse("--to png --max-pixels 1000 --max-side 500 --max-bytes 4096 --allow jp2,ppm");
        DecodeOptions d = c.decodeOptions();
        assertEquals(1000, d.limits().maxPixels());
        assertEquals(500, d.limits().maxSide());
        assertEquals(4096, d.limits().maxBytes());
        EnumSet<Format> expected = EnumSet.copyOf(DecodeOptions.DEFAULT_FORMATS);
        expected.add(Format.JPEG2000);
        expected.add(Format.PPM);
        assertEquals(expected, d.allowedFormats());
        assertEquals(EnumSet.allOf(Format.class), ConversionOptions.parse("--allow all").decodeOptions().allowedFormats());
        assertEquals(DecodeOptions.DEFAULT_FORMATS, ConversionOptions.parse("--to jpg").decodeOptions().allowedFormats());
    }

    @Test
    void badLimitsAreIllegalArguments() {
        assertThrows(IllegalArgumentException.class, () -> ConversionOptions.parse("--max-side 0"));
        assertThrows(IllegalArgumentException.class, () -> ConversionOptions.parse("--max-bytes lots"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConversionOptions.parse("--allow png,nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
