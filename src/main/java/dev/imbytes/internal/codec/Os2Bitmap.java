package dev.imbytes.internal.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * OS/2 bitmaps that OpenCV 4.9 misreads, rewritten in memory as Windows bitmaps of the same
 * pixels. Its BMP decoder reads every palette as 4-byte entries, but an OS/2 1.x file (12-byte
 * header) stores 3-byte B, G, R triples, so the colours come out shifted; and it refuses the
 * 16-byte OS/2 2.x header. The pixel rows are the same in both layouts, so only the header and
 * the palette change. The probe has checked that header and palette lie inside the data.
 */
final class Os2Bitmap {
    private static final int FILE_HEADER = 14;
    private static final int WINDOWS_HEADER = 40;

    private Os2Bitmap() {
    }

    /** The same image as a Windows bitmap (BITMAPINFOHEADER, 4-byte palette entries). */
    static ByteBuffer toWindows(ByteBuffer os2) {
        ByteBuffer in = os2.slice().order(ByteOrder.LITTLE_ENDIAN);
        int dib = in.getInt(14);
        boolean core = dib == 12;
        int width = core ? in.getShort(18) & 0xFFFF : in.getInt(18);
        int height = core ? in.getShort(20) & 0xFFFF : in.getInt(22);
        int bits = in.getShort(core ? 24 : 28) & 0xFFFF;
        int entrySize = core ? 3 : 4;
        int paletteStart = FILE_HEADER + dib;
        int pixelOffset = (int) Math.min(in.getInt(10) & 0xFFFFFFFFL, in.limit());
        // A palette may hold fewer than 2^bits entries: it ends where the pixels begin.
        int entries = bits > 8 ? 0 : Math.max(0, Math.min(1 << bits, (pixelOffset - paletteStart) / entrySize));
        int pixelBytes = Math.max(0, in.limit() - pixelOffset);
        int newOffset = FILE_HEADER + WINDOWS_HEADER + entries * 4;
        ByteBuffer out = ByteBuffer.allocate(newOffset + pixelBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 'B').put((byte) 'M').putInt(out.capacity()).putInt(0).putInt(newOffset);
        out.putInt(WINDOWS_HEADER).putInt(width).putInt(height).putShort((short) 1).putShort((short) bits)
                .putInt(0).putInt(0).putInt(2835).putInt(2835).putInt(entries).putInt(0);
        for (int i = 0; i < entries; i++) {
            int p = paletteStart + i * entrySize;
            out.put(in.get(p)).put(in.get(p + 1)).put(in.get(p + 2)).put((byte) 0);
        }
        out.put(in.slice(pixelOffset, pixelBytes));
        return out.flip();
    }
}
