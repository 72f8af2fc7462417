package dev.imbytes.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.DecodeOptions;
import dev.imbytes.ImageTooLargeException;
import dev.imbytes.Imbytes;
import dev.imbytes.Limits;
import dev.imbytes.TestImages;
import dev.imbytes.UnsupportedFormatException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The one bounded reader: the limit holds while reading, junk is refused after its first bytes ({@link Endless} is shared with the facade's I/O tests). */
public class BoundedReadTest {

    /** An endless stream that starts with {@code head}, counting what was taken from it. */
    public static final class Endless extends InputStream {
        private final byte[] head;
        long taken;

        /** A stream of {@code head}, then zeros without end. */
        public Endless(byte[] head) {
            this.head = head;
        }

        /** How many bytes were taken from the stream so far. */
        public long taken() {
            return taken;
        }

        @Override
        public int read() {
            int b = taken < head.length ? head[(int) taken] & 0xFF : 0;
            taken++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len && taken < head.length) {
                b[off + n++] = head[(int) taken++];
            }
            Arrays.fill(b, off + n, off + len, (byte) 0);
            taken += len - n;
            return len;
        }
    }

    @Test
    void junkIsRefusedAfterItsSignatureBytes() {
        Endless zeros = new Endless(new byte[0]);
        assertThrows(UnsupportedFormatException.class, () -> Imbytes.decode(zeros, DecodeOptions.defaults()));
        assertTrue(zeros.taken <= BoundedRead.SNIFF_BYTES, "read " + zeros.taken + " bytes");
    }

    @Test
    void anEndlessStreamWithASignatureStopsOneByteAfterTheLimit() {
        byte[] png = TestImages.bytes("valid/pngsuite/basn2c08.png");
        Endless stream = new Endless(Arrays.copyOf(png, 8));
        DecodeOptions options = DecodeOptions.defaults().withLimits(Limits.defaults().withMaxBytes(1_000_000));
        assertThrows(ImageTooLargeException.class, () -> Imbytes.decode(stream, options));
        assertTrue(stream.taken <= 1_000_001 + 64 * 1024, "read " + stream.taken + " bytes");
    }

    @Test
    void aFileOrStreamWithinTheLimitIsReadWhole() throws Exception {
        byte[] png = TestImages.bytes("valid/pngsuite/basn2c08.png");
        assertArrayEquals(png, BoundedRead.readStream(new ByteArrayInputStream(png), png.length, "s"));
        assertThrows(ImageTooLargeException.class,
                () -> BoundedRead.readStream(new ByteArrayInputStream(png), png.length - 1, "s"));
        byte[] grown = Arrays.copyOf(png, 300_000); // past the first buffer: the growing path, exact at the limit
        assertArrayEquals(grown, BoundedRead.readStream(new ByteArrayInputStream(grown), grown.length, "s"));
        assertThrows(ImageTooLargeException.class,
                () -> BoundedRead.readStream(new ByteArrayInputStream(grown), grown.length - 1, "s"));
        Path file = TestImages.fixture("valid/pngsuite/basn2c08.png");
        assertArrayEquals(png, BoundedRead.readFile(file, png.length));
        assertThrows(ImageTooLargeException.class, () -> BoundedRead.readFile(file, png.length - 1));
    }
}
