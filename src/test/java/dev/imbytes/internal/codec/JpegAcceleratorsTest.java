package dev.imbytes.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.internal.codec.turbo.TurboJpegBindings.Mechanism;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binding choice of {@link JpegAccelerators}: which mechanisms are tried, in what order. */
class JpegAcceleratorsTest {

    @Test
    void autoTriesFfmThenJna() {
        assertEquals(List.of(Mechanism.FFM, Mechanism.JNA), JpegAccelerators.wanted("true", "auto"));
        assertEquals(List.of(Mechanism.FFM, Mechanism.JNA), JpegAccelerators.wanted("true", " AUTO "));
    }

    @Test
    void eachBindingCanBeForcedOrNone() {
        assertEquals(List.of(Mechanism.FFM), JpegAccelerators.wanted("true", "ffm"));
        assertEquals(List.of(Mechanism.JNA), JpegAccelerators.wanted("true", "jna"));
        assertEquals(List.of(), JpegAccelerators.wanted("true", "none"));
    }

    @Test
    void turnedOffWinsOverAnyBinding() {
        assertEquals(List.of(), JpegAccelerators.wanted("false", "jna"));
        assertEquals(List.of(), JpegAccelerators.wanted("FALSE", "auto"));
    }

    @Test
    void anUnknownBindingIsNamedInTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JpegAccelerators.wanted("true", "jni"));
        assertTrue(e.getMessage().contains("-Dimbytes.turbojpeg.binding must be auto, ffm, jna or none; was jni"),
                e.getMessage());
    }
}
