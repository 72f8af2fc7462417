package dev.imbytes.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Crafted TIFF files of issue 10, made in code: tile bombs, unknown compression, undecodable
 * data and field combinations OpenCV 4.9 cannot decode. {@code main(dir)} writes them to a folder
 * (for trying them with the CLI by hand).
 */
public final class TiffCases {
    private TiffCases() {
    }

    /** A 1×1 image declaring one 16000×16000 uncompressed tile (OpenCV sized a 1 GB buffer for it). */
    public static byte[] tileBomb() {
        return TiffBuilder.grey(1, 1).oneTile(16000, 16000).data(new byte[16]).build();
    }

    /** A 1×1 image with one 8000×8000 deflate tile whose data really inflates to 64 MB. */
    public static byte[] deflateTileBomb() {
        return TiffBuilder.grey(1, 1).oneTile(8000, 8000).set(259, 8)
                .data(TiffBuilder.deflate(new byte[8000 * 8000])).build();
    }

    /** 64×64 greyscale with compression 999, which libtiff does not know. */
    public static byte[] unknownCompression() {
        return TiffBuilder.grey(64, 64).set(259, 999).data(noise(64 * 64, 1)).build();
    }

    /** 64×64 greyscale, LZW, whose data is random bytes. */
    public static byte[] garbageLzw() {
        return TiffBuilder.grey(64, 64).set(259, 5).data(noise(2000, 2)).build();
    }

    /**
     * {@code pages} copies of a 1×1 page: the first page's IFD is the builder's, each further one
     * a copy of it appended after the last, so only the chain's length is unusual.
     */
    public static byte[] manyPages(int pages) {
        byte[] one = TiffBuilder.grey(1, 1).data(new byte[] {0}).build();
        int ifd0 = (one[4] & 0xFF) | (one[5] & 0xFF) << 8;
        int entries = (one[ifd0] & 0xFF) | (one[ifd0 + 1] & 0xFF) << 8;
        int ifdLength = 2 + 12 * entries + 4;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(one);
        int previousNext = ifd0 + ifdLength - 4;
        byte[] b = null;
        for (int p = 1; p < pages; p++) {
            b = out.toByteArray();
            Hostile.putIntLe(b, previousNext, b.length);
            out.reset();
            out.writeBytes(b);
            byte[] copy = java.util.Arrays.copyOfRange(one, ifd0, ifd0 + ifdLength);
            Hostile.putIntLe(copy, ifdLength - 4, 0);
            previousNext = b.length + ifdLength - 4;
            out.writeBytes(copy);
        }
        return out.toByteArray();
    }

    /** A page chain whose second page links back to the first. */
    public static byte[] loopingPages() {
        byte[] b = manyPages(2);
        int ifd0 = (b[4] & 0xFF) | (b[5] & 0xFF) << 8;
        Hostile.putIntLe(b, b.length - 4, ifd0);
        return b;
    }

    /** The odd field combinations OpenCV 4.9 cannot decode, by name. */
    public static Map<String, byte[]> oddFields() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("3 bits per sample", TiffBuilder.grey(16, 16).set(258, 3).data(noise(16 * 6, 3)).build());
        m.put("5 samples per pixel", TiffBuilder.grey(16, 16).set(262, 2).set(277, 5).set(258, 8, 8, 8, 8, 8)
                .set(338, 0, 0).data(noise(16 * 16 * 5, 4)).build());
        m.put("16-bit float", TiffBuilder.grey(16, 16).set(258, 16).set(339, 3).data(noise(16 * 16 * 2, 5)).build());
        m.put("photometric 4 (mask)", TiffBuilder.grey(16, 16).set(258, 1).set(262, 4).data(noise(32, 6)).build());
        m.put("LogL", TiffBuilder.grey(16, 16).set(262, 32844).set(259, 34676).data(noise(400, 7)).build());
        m.put("LogLuv", TiffBuilder.grey(16, 16).set(262, 32845).set(259, 34676).set(277, 3).set(258, 8, 8, 8)
                .data(noise(900, 8)).build());
        m.put("LogL photometric uncompressed", TiffBuilder.grey(16, 16).set(262, 32844).data(noise(256, 10)).build());
        m.put("no photometric", TiffBuilder.grey(16, 16).remove(262).data(noise(256, 9)).build());
        return m;
    }

    static byte[] noise(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Every case by file name. */
    public static Map<String, byte[]> all() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("tile-bomb.tif", tileBomb());
        m.put("deflate-tile-bomb.tif", deflateTileBomb());
        m.put("compression-999.tif", unknownCompression());
        m.put("garbage-lzw.tif", garbageLzw());
        m.put("pages-2.tif", manyPages(2));
        m.put("pages-1025.tif", manyPages(1025));
        m.put("pages-loop.tif", loopingPages());
        oddFields().forEach((k, v) -> m.put(k.replaceAll("[^A-Za-z0-9]+", "-") + ".tif", v));
        return m;
    }

    /** Writes every case into the folder {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : all().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }
}
