package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The limit and allow-list flags of a spec string. */
class ConversionSpecLimitsTest {

    @Test
    void limitsAndAllowListComeFromTheSpec() {
        Conversion c = ConversionSpec.parse("--to png --max-pixels 1000 --max-side 500 --max-bytes 4096 --allow jp2,ppm").toConversion();
        DecodeOptions d = c.decodeOptions();
        assertEquals(1000, d.limits().maxPixels());
        assertEquals(500, d.limits().maxSide());
        assertEquals(4096, d.limits().maxBytes());
        EnumSet<Format> expected = EnumSet.copyOf(DecodeOptions.DEFAULT_FORMATS);
        expected.add(Format.JPEG2000);
        expected.add(Format.PPM);
        assertEquals(expected, d.allowedFormats());
        assertEquals(EnumSet.allOf(Format.class), ConversionSpec.parse("--allow all").toConversion().decodeOptions().allowedFormats());
        assertEquals(DecodeOptions.DEFAULT_FORMATS, ConversionSpec.parse("--to jpg").toConversion().decodeOptions().allowedFormats());
    }

    @Test
    void badLimitsAreIllegalArguments() {
        assertThrows(IllegalArgumentException.class, () -> ConversionSpec.parse("--max-side 0").toConversion());
        assertThrows(IllegalArgumentException.class, () -> ConversionSpec.parse("--max-bytes lots").toConversion());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConversionSpec.parse("--allow png,nope").toConversion());
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
