package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The colour model's text names are the ones {@code index.tsv}'s colour column and earlier
 * releases (when it was a String) used, so text output and stored expectations do not change.
 */
class ColorModelTest {

    @Test
    void idsAreTheFormerStrings() {
        assertEquals(List.of("gray", "gray+alpha", "rgb", "rgba", "palette", "ycbcr", "cmyk", "ycck", ""),
                Arrays.stream(ColorModel.values()).map(ColorModel::id).toList());
    }

    @Test
    void aSampleCountAloneNamesGreyToRgba() {
        assertEquals(ColorModel.GRAY, ColorModel.ofSampleCount(1));
        assertEquals(ColorModel.GRAY_ALPHA, ColorModel.ofSampleCount(2));
        assertEquals(ColorModel.RGB, ColorModel.ofSampleCount(3));
        assertEquals(ColorModel.RGBA, ColorModel.ofSampleCount(4));
        assertEquals(ColorModel.UNKNOWN, ColorModel.ofSampleCount(0));
        assertEquals(ColorModel.UNKNOWN, ColorModel.ofSampleCount(5));
    }

    @Test
    void infoReportsTheHeadersModel() {
        byte[] png = Imbytes.encode(new java.awt.image.BufferedImage(3, 2,
                java.awt.image.BufferedImage.TYPE_INT_ARGB), Format.PNG);
        assertEquals(ColorModel.RGBA, Imbytes.info(png).colorModel());
    }
}
