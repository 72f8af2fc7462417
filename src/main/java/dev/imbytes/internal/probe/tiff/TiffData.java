package dev.imbytes.internal.probe.tiff;

import dev.imbytes.internal.probe.ByteReader;

/**
 * Whether a TIFF's first image has all its strips or tiles inside the data, for strict decoding.
 */
final class TiffData {
    private TiffData() {
    }

    /**
     * Whether the first image's strips (or tiles) are all inside the data: enough offsets and byte
     * counts for the image size, each block's bytes within the file (for uncompressed data, the
     * bytes the image needs; a stored count may overstate them). Null when whole. The work is
     * bounded by the data: no more blocks are checked than the offset array can hold.
     */
    static String defect(ByteReader s, Tiff t, long ifd, long w, long h, long spp, long bits) {
        String entries = t.entriesDefect(ifd);
        if (entries != null) {
            return entries;
        }
        long compression = t.read(ifd, Tiff.TAG_COMPRESSION)[0];
        TiffProbe.Blocks b = TiffProbe.blocks(t, ifd, w, h, spp);
        boolean tiled = b.tiled();
        Tiff.Field offsets = t.field(ifd, tiled ? Tiff.TAG_TILE_OFFSETS : Tiff.TAG_STRIP_OFFSETS);
        Tiff.Field counts = t.field(ifd, tiled ? Tiff.TAG_TILE_BYTE_COUNTS : Tiff.TAG_STRIP_BYTE_COUNTS);
        String what = tiled ? "tile" : "strip";
        if (offsets == null) {
            return "no " + (tiled ? "TileOffsets" : "StripOffsets");
        }
        long blocks = b.count();
        if (offsets.count() < blocks) {
            return "truncated: " + offsets.count() + " " + what + " offsets for the " + blocks + " " + what + "s the image needs";
        }
        if (offsets.count() * offsets.size() > s.length()) {
            return what + " offset array of " + offsets.count() + " entries does not fit in the data";
        }
        boolean uncompressed = compression < 0 || compression == 1;
        if (counts == null && !uncompressed) {
            return "no " + (tiled ? "TileByteCounts" : "StripByteCounts");
        }
        long samples = b.planes() > 1 ? 1 : spp;
        long rowBytes = (b.width() * samples * Math.max(1, bits) + 7) / 8;
        for (long i = 0; i < blocks; i++) {
            long off = t.value(offsets, i);
            long rows = tiled ? b.rows() : Math.min(b.rows(), h - i % b.down() * b.rows());
            long raw = rowBytes * rows;
            long count = counts == null ? raw : t.value(counts, i);
            if (off < 0 || count < 0) {
                return "truncated: " + what + " " + i + " has no readable offset or byte count";
            }
            if (count == 0) {
                return what + " " + i + " has no data (byte count 0)";
            }
            long need = uncompressed ? Math.min(count, raw) : count;
            if (off > s.length() || need > s.length() - off) {
                return "truncated: " + what + " " + i + " needs bytes " + off + " to " + (off + need) + ", have "
                        + s.length();
            }
        }
        return null;
    }
}
