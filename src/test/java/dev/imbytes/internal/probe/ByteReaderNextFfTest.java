package dev.imbytes.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteReader#nextFF} reads eight bytes a word and takes the first 0xFF from the word's bit
 * pattern; the JPEG probe's walk over the entropy-coded data relies on it finding the very first
 * one (a later one would skip a marker). Checked against a byte-by-byte scan, on views that start
 * inside their buffer and on 0xFF runs, where a borrow marks extra bytes after the first.
 */
class ByteReaderNextFfTest {

    private static long naive(byte[] b, int base, int len, long from) {
        for (long i = Math.max(0, from); i < len; i++) {
            if (b[base + (int) i] == (byte) 0xFF) {
                return i;
            }
        }
        return len;
    }

    @Test
    void findsTheFirstFfFromEveryOffsetOfRandomViews() {
        Random random = new Random(42);
        for (int round = 0; round < 400; round++) {
            byte[] bytes = new byte[1 + random.nextInt(200)];
            for (int i = 0; i < bytes.length; i++) {
                int pick = random.nextInt(10);
                bytes[i] = (byte) (pick == 0 ? 0xFF : pick == 1 ? 0xFE : pick == 2 ? 0x00 : random.nextInt(256));
            }
            int base = random.nextInt(bytes.length);
            int len = random.nextInt(bytes.length - base + 1);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            buffer.position(base).limit(base + len);
            ByteReader reader = new ByteReader(buffer);
            for (long from = -1; from <= len + 1; from++) {
                assertEquals(naive(bytes, base, len, from), reader.nextFF(from), "round " + round + " from " + from);
            }
        }
    }

    @Test
    void findsAnFfAtEachPositionOfAWordAndAfterRunsOfFf() {
        for (int at = 0; at < 24; at++) {
            for (int run = 1; run <= 9; run++) {
                byte[] bytes = new byte[32];
                for (int k = at; k < Math.min(32, at + run); k++) {
                    bytes[k] = (byte) 0xFF;
                }
                ByteReader reader = ByteReader.of(bytes);
                assertEquals(at, reader.nextFF(0));
                assertEquals(run > 1 ? at + 1 : 32, reader.nextFF(at + 1)); // the run's next byte, or none left
            }
        }
        assertEquals(16, ByteReader.of(new byte[16]).nextFF(0));
    }

    @Test
    void aSliceFindsTheFirstFfOfItsOwnRange() {
        Random random = new Random(7);
        byte[] bytes = new byte[300];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (random.nextInt(12) == 0 ? 0xFF : random.nextInt(255));
        }
        ByteReader whole = ByteReader.of(bytes);
        for (int off = 0; off < 100; off += 3) {
            for (int n = 0; n < 120; n += 7) {
                ByteReader slice = whole.slice(off, n);
                for (long from = 0; from <= n; from++) {
                    assertEquals(naive(bytes, off, n, from), slice.nextFF(from), off + "+" + n + " from " + from);
                }
            }
        }
    }
}
