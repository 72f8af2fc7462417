package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The fixture access every other test relies on: typed index rows, and missing files named. */
class TestImagesTest {

    @Test
    void aMissingFixtureIsNamedNotHidden() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestImages.fixture("valid/pillow/no-such-file.jpg"));
        assertTrue(e.getMessage().contains("native-test-images/valid/pillow/no-such-file.jpg"), e.getMessage());
        IllegalArgumentException noRow = assertThrows(IllegalArgumentException.class,
                () -> TestImages.bytes("valid/pillow/no-such-file.jpg"));
        assertTrue(noRow.getMessage().contains("no-such-file.jpg"), noRow.getMessage());
    }

    @Test
    void rowsAreTypedAndDashesAreEmpty() {
        TestImages.Row hopper = TestImages.row("valid/pillow/hopper.jpg");
        assertEquals(Optional.of(Format.JPEG), hopper.format());
        assertEquals(128, hopper.w());
        assertEquals(128, hopper.h());
        assertEquals(OptionalInt.of(3), hopper.channels());
        assertEquals(OptionalInt.of(8), hopper.bitDepth());
        assertEquals(TestImages.Expected.DECODES, hopper.expected());
        assertEquals(hopper.file().toFile().length(), hopper.bytes().length);

        TestImages.Row broken = TestImages.row("corrupt/pillow/broken.png");
        assertFalse(broken.hasSize());
        assertEquals(OptionalInt.empty(), broken.channels());
        assertEquals(Optional.empty(), broken.color());
        assertEquals(TestImages.Expected.MUST_FAIL, broken.expected());
        assertThrows(IllegalStateException.class, broken::w);

        assertEquals(Optional.empty(), TestImages.row("corrupt/thumbor/image_invalid.jpg").format());
        assertEquals(Optional.of(Format.JPEG2000),
                TestImages.row("robustness/pillow/crash-4fb027452e6988530aa5dabee76eecacb3b79f8a.j2k").format());
    }

    @Test
    void anOutOfRangeOrientationTagIsAppliedAsNoTurn() {
        TestImages.Row zero = TestImages.row("orientation/exif-orientation-examples/Landscape_0.jpg");
        assertEquals(OptionalInt.of(0), zero.orientation());
        assertEquals(1, zero.appliedOrientation());
        assertEquals(6, TestImages.row("orientation/exif-orientation-examples/Landscape_6.jpg").appliedOrientation());
    }

    @Test
    void everyOutcomeIsInTheIndexUnderItsOwnWord() {
        for (TestImages.Expected e : TestImages.Expected.values()) {
            assertFalse(TestImages.rows(e).isEmpty(), e.toString());
        }
        assertEquals("must-fail", TestImages.Expected.MUST_FAIL.toString());
    }
}
