package dev.imbytes.internal.codec;

import dev.imbytes.internal.probe.ByteReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A progressive JPEG rewritten for a decode at 1/8 of its size, so that the decoder skips the
 * coefficients that scale never looks at. The decoded pixels are the same, bit for bit.
 *
 * <p>Why: at 1/8 libjpeg's inverse DCT for a full-resolution component is 1×1 and reads only the
 * block's DC coefficient, yet a progressive file makes the decoder entropy-decode every AC scan of
 * that component first, which is most of the file and most of the time. Simply dropping those
 * scans is not enough: libjpeg-turbo then sees coefficients it never received and "smooths" the
 * blocks, DC included, which changes the pixels. So each such AC scan is replaced by one with the
 * same band and bit positions that says "every block is zero" in a handful of end-of-band runs:
 * the decoder's bookkeeping ends exactly as with the real scans, without their cost. Components
 * the 1/8 decode draws with a larger inverse DCT (subsampled chroma, 2×2 for 4:2:0) keep their
 * scans untouched.
 *
 * <p>Applies only to baseline-precision progressive Huffman files (SOF2) without restart
 * intervals; {@link #rewrite} returns null for anything else, and for anything it does not
 * understand, so the caller decodes the original bytes.
 */
final class EighthScaleJpeg {

    /**
     * An AC Huffman table holding only the 15 end-of-band run symbols EOB0…EOB14, each 4 bits long,
     * so the code of EOBr is r itself.
     */
    private static final byte[] EOB_RUN_TABLE_BITS = {0, 0, 0, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /** The longest run one EOB14 symbol can say: 2^14 + (2^14 - 1) blocks. */
    private static final int MAX_RUN = 32767;

    private EighthScaleJpeg() {
    }

    /**
     * The rewritten file, or null when {@code jpeg} is not a progressive JPEG this applies to (then
     * decode the original).
     */
    static byte[] rewrite(ByteBuffer jpeg) {
        try {
            return new Rewriter(jpeg).run();
        } catch (RuntimeException notUnderstood) { // a short or odd file: the original goes to the decoder, which judges it
            return null;
        }
    }

    private static final class Rewriter {
        private final ByteReader in;
        private ByteArrayOutputStream out;
        /** The last definition of each AC table (id 0..3) seen so far, restored after a replacement scan. */
        private final byte[][] acTables = new byte[4][];
        private int width;
        private int height;
        private int[] componentIds;
        private boolean[] dcOnly;   // per frame component: drawn with a 1×1 inverse DCT at 1/8
        private int[] blocksInScan; // per frame component: blocks in a non-interleaved scan of it
        private boolean[] zeroed;   // per frame component: its one all-zero AC scan is written
        private int replaced;

        Rewriter(ByteBuffer jpeg) {
            in = new ByteReader(jpeg);
        }

        /** Whether the frame marker, found by skipping whole segments, is SOF2; nothing is copied before this says yes. */
        private boolean progressive() {
            int offset = 2;
            while (true) {
                while (u8(offset) == 0xFF && u8(offset + 1) == 0xFF) {
                    offset++;
                }
                int marker = u8(offset + 1);
                if (u8(offset) != 0xFF || marker == 0xDA || marker == 0xD9) {
                    return false;
                }
                if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                    return marker == 0xC2;
                }
                offset += 2 + u16(offset + 2);
            }
        }

        private int u8(int offset) {
            return in.u8(offset);
        }

        private int u16(int offset) {
            return in.u16be(offset);
        }

        private void copy(int from, int to) {
            out.writeBytes(in.copy(from, to - from));
        }

        byte[] run() {
            if (u16(0) != 0xFFD8 || !progressive()) {
                return null;
            }
            out = new ByteArrayOutputStream(in.length() / 4); // AC scans are most of a progressive file
            out.write(0xFF);
            out.write(0xD8);
            int offset = 2;
            while (true) {
                while (u8(offset) == 0xFF && u8(offset + 1) == 0xFF) {
                    offset++; // fill bytes
                }
                if (u8(offset) != 0xFF) {
                    return null;
                }
                int marker = u8(offset + 1);
                if (marker == 0xD9) {
                    out.write(0xFF);
                    out.write(0xD9);
                    return replaced > 0 ? out.toByteArray() : null;
                }
                int segmentEnd = offset + 2 + u16(offset + 2);
                if (segmentEnd > in.length()) {
                    return null;
                }
                switch (marker) {
                    case 0xC2 -> {
                        if (!readFrame(offset + 4)) {
                            return null;
                        }
                    }
                    case 0xC0, 0xC1, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF -> {
                        return null; // not progressive Huffman: nothing to gain, or nothing understood
                    }
                    case 0xDD -> {
                        if (u16(offset + 4) != 0) {
                            return null; // restart intervals would split every end-of-band run
                        }
                    }
                    case 0xC4 -> rememberAcTables(offset + 4, segmentEnd);
                    default -> {
                    }
                }
                if (marker != 0xDA) {
                    copy(offset, segmentEnd);
                    offset = segmentEnd;
                    continue;
                }
                if (componentIds == null) {
                    return null;
                }
                int scanEnd = entropyEnd(segmentEnd);
                if (!replaceScan(offset + 4)) {
                    copy(offset, scanEnd);
                }
                offset = scanEnd;
            }
        }

        private boolean readFrame(int p) {
            if (u8(p) != 8) {
                return false; // 12-bit precision: leave it alone
            }
            height = u16(p + 1);
            width = u16(p + 3);
            int count = u8(p + 5);
            if (width == 0 || height == 0 || count < 1 || count > 4) {
                return false;
            }
            componentIds = new int[count];
            int[] h = new int[count];
            int[] v = new int[count];
            int maxH = 1;
            int maxV = 1;
            for (int c = 0; c < count; c++) {
                componentIds[c] = u8(p + 6 + 3 * c);
                h[c] = u8(p + 7 + 3 * c) >> 4;
                v[c] = u8(p + 7 + 3 * c) & 15;
                if (h[c] < 1 || h[c] > 4 || v[c] < 1 || v[c] > 4) {
                    return false;
                }
                maxH = Math.max(maxH, h[c]);
                maxV = Math.max(maxV, v[c]);
            }
            dcOnly = new boolean[count];
            zeroed = new boolean[count];
            blocksInScan = new int[count];
            for (int c = 0; c < count; c++) {
                // libjpeg's choice of inverse DCT size per component at 1/8 (jdmaster.c): it doubles a
                // subsampled component's size while both directions divide evenly, so that the
                // upsampler can work 1:1; only a component left at 1×1 ignores its AC coefficients
                boolean doubles = maxH % (h[c] * 2) == 0 && maxV % (v[c] * 2) == 0;
                dcOnly[c] = !doubles;
                long across = ceilDiv((long) width * h[c], maxH * 8L);
                long down = ceilDiv((long) height * v[c], maxV * 8L);
                if (across * down > Integer.MAX_VALUE) {
                    return false;
                }
                blocksInScan[c] = (int) (across * down);
            }
            return true;
        }

        private void rememberAcTables(int p, int end) {
            while (p < end) {
                int classAndId = u8(p);
                int symbols = 0;
                for (int i = 1; i <= 16; i++) {
                    symbols += u8(p + i);
                }
                int tableEnd = p + 17 + symbols;
                if (tableEnd > end) {
                    return;
                }
                if (classAndId >> 4 == 1 && (classAndId & 15) < 4) {
                    byte[] table = new byte[tableEnd - p];
                    for (int i = 0; i < table.length; i++) {
                        table[i] = (byte) u8(p + i);
                    }
                    acTables[classAndId & 15] = table;
                }
                p = tableEnd;
            }
        }

        /** Writes a zero replacement for the AC scan whose header starts at {@code p}, or returns false to keep it. */
        private boolean replaceScan(int p) {
            int count = u8(p);
            int spectralStart = u8(p + 1 + 2 * count);
            if (count != 1 || spectralStart == 0) {
                return false; // a DC scan (or interleaved): always kept
            }
            int id = u8(p + 1);
            int tables = u8(p + 2);
            int component = -1;
            for (int c = 0; c < componentIds.length; c++) {
                if (componentIds[c] == id) {
                    component = c;
                }
            }
            int acTable = tables & 15;
            if (component < 0 || !dcOnly[component] || acTable > 3) {
                return false;
            }
            if (zeroed[component]) {
                replaced++;
                return true; // its coefficients are all final already: the scan is left out
            }
            zeroed[component] = true;
            writeDht(0x10 | acTable, EOB_RUN_TABLE_BITS, eobSymbols());
            out.write(0xFF);
            out.write(0xDA);
            out.write(0);
            out.write(8);    // header length: one component
            out.write(1);
            out.write(id);
            out.write(tables);
            out.write(1);    // Ss: the whole AC band, 1..63,
            out.write(63);   // Se
            out.write(0);    // Ah = Al = 0: first and final bits at once
            writeEndOfBandRuns(blocksInScan[component]);
            if (acTables[acTable] != null) {
                out.write(0xFF);
                out.write(0xC4);
                int segmentLength = 2 + acTables[acTable].length;
                out.write(segmentLength >> 8);
                out.write(segmentLength);
                out.writeBytes(acTables[acTable]);
            }
            replaced++;
            return true;
        }

        private static byte[] eobSymbols() {
            byte[] symbols = new byte[15];
            for (int r = 0; r < 15; r++) {
                symbols[r] = (byte) (r << 4);
            }
            return symbols;
        }

        private void writeDht(int classAndId, byte[] bits, byte[] symbols) {
            int segmentLength = 2 + 1 + 16 + symbols.length;
            out.write(0xFF);
            out.write(0xC4);
            out.write(segmentLength >> 8);
            out.write(segmentLength);
            out.write(classAndId);
            out.writeBytes(bits);
            out.writeBytes(symbols);
        }

        /** Entropy-coded data saying "the next {@code blocks} blocks have no coefficient in this band". */
        private void writeEndOfBandRuns(int blocks) {
            BitWriter bits = new BitWriter(out);
            while (blocks > 0) {
                int run = Math.min(blocks, MAX_RUN);
                int r = 31 - Integer.numberOfLeadingZeros(run);
                bits.write(r, 4);             // the code of EOBr
                bits.write(run - (1 << r), r); // the run's low bits
                blocks -= run;
            }
            bits.flush();
        }

        /** Offset of the marker that ends the entropy-coded data starting at {@code from}. */
        private int entropyEnd(int from) {
            int i = from;
            while (true) {
                i = (int) in.nextFF(i);
                int next = u8(i + 1);
                if (next == 0x00 || next >= 0xD0 && next <= 0xD7) {
                    i += 2;
                } else if (next == 0xFF) {
                    i++;
                } else {
                    return i;
                }
            }
        }

        private static long ceilDiv(long a, long b) {
            return (a + b - 1) / b;
        }
    }

    /** Huffman-coded bits, most significant first, with JPEG's 0x00 after every 0xFF byte. */
    private static final class BitWriter {
        private ByteArrayOutputStream out;
        private int buffer;
        private int count;

        BitWriter(ByteArrayOutputStream out) {
            this.out = out;
        }

        void write(int value, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                buffer = buffer << 1 | (value >> i & 1);
                if (++count == 8) {
                    emit();
                }
            }
        }

        void flush() {
            while (count != 0) {
                write(1, 1); // pad with ones, as JPEG asks
            }
        }

        private void emit() {
            out.write(buffer);
            if (buffer == 0xFF) {
                out.write(0);
            }
            buffer = 0;
            count = 0;
        }
    }
}
