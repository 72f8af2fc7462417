package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.imbytes.hostile.Hostile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ImageException#image()}: an error raised after the header was read carries exactly what
 * {@link Imbytes#info} reports for the same input, so a caller need not read the header again;
 * errors raised before (or without) a header carry none. Run in a child JVM, as a user runs it.
 */
class ErrorHeaderTest {
    private static final Map<String, String[]> LINES = new HashMap<>();

    @BeforeAll
    static void runChild() {
        Hostile.Child child = Hostile.runJava(List.of("--enable-native-access=ALL-UNNAMED"), ErrorHeaderMain.class, 120);
        assertEquals(0, child.exit(), child.stderr());
        for (String line : child.stdout().split("\n")) {
            String[] parts = line.split("\\|", -1);
            LINES.put(parts[0], parts);
        }
    }

    @ParameterizedTest(name = "{0}: {1}, header carried: {2}")
    @CsvSource({
        "over-pixels, ImageTooLargeException, true",
        "decode-over-pixels, ImageTooLargeException, true",
        "not-allowed, UnsupportedFormatException, true",
        "cannot-write, UnsupportedFormatException, true",
        "temp-file-write, UnsupportedFormatException, true",
        "truncated, CorruptImageException, true",
        "resize-over-limit, ImageTooLargeException, true",
        "unrecognised, UnsupportedFormatException, false",   // no header to carry
        "over-bytes, ImageTooLargeException, false",         // refused before the header is read
        "mat-encode, UnsupportedFormatException, false",     // a Mat has no encoded header
    })
    void errorsCarryTheHeaderOnceItWasRead(String name, String type, boolean carried) {
        String[] line = LINES.get(name);
        String all = String.join("|", line);
        assertEquals(type, line[1], all);
        if (carried) {
            assertNotEquals("none", line[3], "the input's header is readable: " + all);
            assertEquals(line[3], line[2], "image() is what Imbytes.info says: " + all);
        } else {
            assertEquals("none", line[2], all);
        }
    }
}
