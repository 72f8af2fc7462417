package dev.imbytes.internal.colour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.imbytes.internal.metadata.IccProfileReader;
import dev.imbytes.internal.probe.HeaderProbe;
import dev.imbytes.internal.probe.ImageHeader;

import dev.imbytes.Format;
import dev.imbytes.Limits;
import dev.imbytes.TestImages;
import java.awt.color.ICC_Profile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SrgbConversionsTest {

    @Test
    void eachDistinctProfileIsPreparedOnce() {
        byte[] p3 = TestImages.bytes("valid/sharp/p3.png");
        ImageHeader header = HeaderProbe.probe(ByteBuffer.wrap(p3));
        List<String> warnings = new ArrayList<>();
        SrgbConversion first = SrgbConversions.of(ByteBuffer.wrap(p3), header, Limits.defaults(), warnings::add).orElseThrow();
        SrgbConversion again = SrgbConversions.of(ByteBuffer.wrap(p3.clone()), header, Limits.defaults(), warnings::add)
                .orElseThrow();
        assertSame(first, again);
        assertEquals(SrgbConversion.Kind.RGB, first.kind());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aPrinterProfileIsRelabelledSoThatItConvertsPerceptually() {
        byte[] cmyk = IccProfileReader.read(TestImages.bytes("valid/sharp/Channel_digital_image_CMYK_color.jpg"),
                Format.JPEG, Limits.DEFAULT_MAX_ICC_BYTES, w -> { }).orElseThrow();
        assertEquals(ICC_Profile.CLASS_OUTPUT, ICC_Profile.getInstance(cmyk).getProfileClass());
        byte[] relabelled = SrgbConversions.perceptual(cmyk);
        assertEquals(ICC_Profile.CLASS_INPUT, ICC_Profile.getInstance(relabelled).getProfileClass());
        assertArrayEquals(java.util.Arrays.copyOfRange(cmyk, 128, cmyk.length),
                java.util.Arrays.copyOfRange(relabelled, 128, relabelled.length), "only the header changes");
        byte[] display = IccProfileReader.read(TestImages.bytes("valid/sharp/p3.png"), Format.PNG,
                Limits.DEFAULT_MAX_ICC_BYTES, w -> { }).orElseThrow();
        assertSame(display, SrgbConversions.perceptual(display));
    }

    @Test
    void matrixShaperProfilesConvertInJavaWithinOneLevelOfTheJdk() {
        java.awt.color.ICC_Profile srgb = ((java.awt.color.ICC_ColorSpace) java.awt.color.ColorSpace.getInstance(
                java.awt.color.ColorSpace.CS_sRGB)).getProfile();
        for (String tagged : List.of("valid/sharp/p3.png", "valid/sharp/tifftag-photoshop.tiff", "valid/sharp/prophoto.png")) {
            byte[] file = TestImages.bytes(tagged);
            byte[] icc = IccProfileReader.read(file, HeaderProbe.probe(ByteBuffer.wrap(file)).format(),
                    Limits.DEFAULT_MAX_ICC_BYTES, w -> { }).orElseThrow();
            ICC_Profile profile = ICC_Profile.getInstance(icc);
            SrgbConversion conversion = new SrgbConversion(SrgbConversion.Kind.RGB,
                    new java.awt.color.ICC_ColorSpace(profile), tagged);
            assertEquals(true, conversion.hasFastPath(), tagged + ": " + conversion.fastPathMaxDifference());
            // every colour whose samples are multiples of 3 (86^3), beyond the grid checked when preparing
            int difference = conversion.maxDifference(MatrixShaper.of(profile, srgb), 3);
            System.out.println("colour matrix/TRC in Java vs JDK, " + tagged + ": at most " + difference + " level(s)");
            assertEquals(true, difference <= SrgbConversion.FAST_TOLERANCE, tagged + ": " + difference);
        }
    }
}
