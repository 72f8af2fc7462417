package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spec grammar: each flag's effect, and errors that name the flag. */
class ConversionSpecTest {

    private static Conversion conversion(String spec) {
        return ConversionSpec.parse(spec).toConversion();
    }

    private static String error(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> conversion(spec)).getMessage();
    }

    @Test
    void flagsSetTheConversion() {
        Conversion c = conversion("--fit 256x128 --no-upscale --to jpg --quality 85 --progressive --subsampling 444 "
                + "--background black --ignore-orientation");
        JpegOptions j = (JpegOptions) c.encodeOptions().orElseThrow();
        assertEquals(85, j.quality());
        assertTrue(j.progressive());
        assertEquals(ChromaSubsampling.S444, j.subsampling());
        Fit f = c.fit().orElseThrow();
        assertEquals(Fit.Mode.WITHIN, f.mode());
        assertEquals(256, f.width());
        assertEquals(128, f.height());
        assertFalse(f.upscale());
        assertEquals(Background.BLACK, c.background());
        assertFalse(c.decodeOptions().applyOrientation());

        WebpOptions w = (WebpOptions) conversion("--to webp --lossless --scale 0.5").encodeOptions().orElseThrow();
        assertTrue(w.lossless());
        assertEquals(9, ((PngOptions) conversion("--to=png --png-level=9").encodeOptions().orElseThrow())
                .compressionLevel());
        assertEquals(Fit.Mode.COVER, conversion("--cover 10x20").fit().orElseThrow().mode());
        assertEquals(Fit.Mode.EXACT, conversion("--exact 10x20").fit().orElseThrow().mode());
        assertEquals(300, conversion("--width 300").fit().orElseThrow().width());
        assertEquals(200, conversion("--height 200").fit().orElseThrow().height());
        assertEquals(0.5, conversion("--scale 0.5").fit().orElseThrow().scaleFactor());
    }

    @Test
    void theDefaultsAreTheDefaultConversion() {
        ConversionSpec empty = ConversionSpec.parse("");
        assertEquals(Optional.empty(), empty.format());
        assertEquals(Conversion.sameFormat().toString(), empty.toConversion().toString());
        assertEquals(empty.toConversion().toString(), ConversionSpec.parse(null).toConversion().toString());
        assertEquals(Conversion.to(Format.PNG).toString(), conversion("--to png").toString());
    }

    @Test
    void quotesGroupWordsAndATargetOverridesTo() {
        assertEquals(new Background(1, 2, 3), conversion("--background '1, 2, 3'").background());
        ConversionSpec spec = ConversionSpec.parse("--to webp --quality 60");
        assertEquals(Optional.of(Format.WEBP), spec.format());
        assertEquals(60, ((JpegOptions) spec.toConversion(Format.JPEG).encodeOptions().orElseThrow()).quality());
    }

    @Test
    void builderAndStringAgree() {
        Conversion built = ConversionSpec.builder().to("webp").fit("64x64").noUpscale(true).quality(70)
                .maxSide(5000).allow("jp2").build().toConversion();
        assertEquals(conversion("--to webp --fit 64x64 --no-upscale --quality 70 --max-side 5000 --allow jp2").toString(),
                built.toString());
    }

    @Test
    void errorsNameTheFlag() {
        assertTrue(error("--to nope").startsWith("--to: "), error("--to nope"));
        assertTrue(error("--to jpg --quality 101").startsWith("--quality: "), error("--to jpg --quality 101"));
        assertTrue(error("--to webp --quality 0").startsWith("--quality: "), error("--to webp --quality 0"));
        assertTrue(error("--quality 80").contains("--quality") && error("--quality 80").contains("give --to"));
        assertTrue(error("--to png --lossless").contains("--lossless"));
        assertTrue(error("--to png --png-level 10").startsWith("--png-level: "));
        assertTrue(error("--fit banana").startsWith("--fit takes WIDTHxHEIGHT"));
        assertTrue(error("--fit 0x10").startsWith("--fit needs"));
        assertTrue(error("--width wide").startsWith("--width takes a whole number"));
        assertTrue(error("--width 0").startsWith("--width: "));
        assertTrue(error("--scale -1").startsWith("--scale: "));
        assertTrue(error("--max-side 99999999999").startsWith("--max-side is out of range"));
        assertTrue(error("--max-pixels 0").startsWith("--max-pixels: "));
        assertTrue(error("--subsampling 423").startsWith("--subsampling: "));
        assertTrue(error("--background plaid").startsWith("--background: "));
        assertTrue(error("--allow png,nope").startsWith("--allow: ") && error("--allow png,nope").contains("nope"));
        assertTrue(error("--no-upscale").startsWith("--no-upscale needs a resize"));
        assertTrue(error("--fit 10x10 --width 5").contains("--fit and --width cannot be combined"));
        assertTrue(error("--quality 1 --quality 2").startsWith("--quality is given more than once"));
        assertTrue(error("--fit").startsWith("--fit needs a value"));
        assertTrue(error("--lossless=yes").startsWith("--lossless takes no value"));
        assertTrue(error("--frobnicate").contains("unknown flag \"--frobnicate\""));
        assertTrue(error("photo.jpg").contains("unexpected word \"photo.jpg\""));
        assertTrue(error("--background 'black").startsWith("unclosed quote"));
    }

    @Test
    void allowIsRepeatableAndAdditive() {
        DecodeOptions d = conversion("--allow jp2 --allow ppm,pgm").decodeOptions();
        assertTrue(d.allowedFormats().containsAll(java.util.Set.of(Format.JPEG2000, Format.PPM, Format.PGM)));
        assertTrue(d.allowedFormats().containsAll(DecodeOptions.DEFAULT_FORMATS));
    }
}
