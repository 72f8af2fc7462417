package dev.imbytes.internal.metadata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * One TIFF image file directory copied into memory (values and sub-directories, never the next
 * directory), and written back at any offset in either byte order. EXIF is such a directory
 * tree, so one model serves reading EXIF out of JPEG, PNG, WebP and TIFF and writing it into each.
 * Reading is bounded: a loop, a count past the data or more than {@value #MAX_ENTRIES} entries is
 * {@link Malformed}.
 */
final class Ifd {
    static final int EXIF_POINTER = 34665;
    static final int GPS_POINTER = 34853;
    static final int INTEROP_POINTER = 40965;
    static final int ORIENTATION = 274;
    private static final int MAX_ENTRIES = 1000;
    private static final int MAX_DEPTH = 3;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;

    /** A tag and its raw value bytes in {@link #order}, or the directory a pointer tag points to. */
    record Entry(int tag, int type, long count, byte[] value, Ifd child) {
    }

    /** Bytes that do not make a directory tree. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    final ByteOrder order;
    final List<Entry> entries = new ArrayList<>();

    Ifd(ByteOrder order) {
        this.order = order;
    }

    /** Bytes per value unit of a TIFF field type; 0 for a type TIFF does not define. */
    static int unitSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12 -> 8;
            default -> 0;
        };
    }

    /** The byte order a TIFF header at {@code buf}'s start declares. */
    static ByteOrder headerOrder(ByteBuffer buf) {
        if (buf.remaining() < 8) {
            throw new Malformed("TIFF header truncated");
        }
        int b0 = buf.get(0) & 0xFF;
        int b1 = buf.get(1) & 0xFF;
        ByteOrder order = b0 == 'I' && b1 == 'I' ? ByteOrder.LITTLE_ENDIAN
                : b0 == 'M' && b1 == 'M' ? ByteOrder.BIG_ENDIAN : null;
        if (order == null || buf.duplicate().order(order).getShort(2) != 42) {
            throw new Malformed("no TIFF header");
        }
        return order;
    }

    /**
     * Reads directory 0 of the TIFF structure in {@code tiff} (position 0 = the TIFF header),
     * keeping only the tags {@code keep} accepts, and copying at most {@code budget} value bytes.
     */
    static Ifd readFirst(ByteBuffer tiff, IntPredicate keep, int budget) {
        ByteBuffer buf = tiff.duplicate();
        buf.order(headerOrder(buf));
        return new Reader(buf, keep, budget).read(buf.getInt(4) & 0xFFFFFFFFL, 0);
    }

    private static final class Reader {
        private final ByteBuffer buf;
        private final IntPredicate keep;
        private final Set<Long> visited = new HashSet<>();
        private long budget;

        Reader(ByteBuffer buf, IntPredicate keep, int budget) {
            this.buf = buf;
            this.keep = keep;
            this.budget = budget;
        }

        Ifd read(long offset, int depth) {
            if (depth > MAX_DEPTH || !visited.add(offset)) {
                throw new Malformed("directory loop at offset " + offset);
            }
            int n = u16(need(offset, 2));
            if (n > MAX_ENTRIES) {
                throw new Malformed("directory of " + n + " entries");
            }
            need(offset + 2, 12L * n);
            Ifd ifd = new Ifd(buf.order());
            for (int i = 0; i < n; i++) {
                int at = (int) (offset + 2 + 12L * i);
                int tag = u16(at);
                int type = u16(at + 2);
                long count = buf.getInt(at + 4) & 0xFFFFFFFFL;
                if (!keep.test(tag)) {
                    continue;
                }
                int unit = unitSize(type);
                if (unit == 0) {
                    continue; // a type this reader cannot size: dropped, the rest stays readable
                }
                long size = count * unit;
                if (size > budget) {
                    throw new Malformed("tag " + tag + " declares " + count + " values, over the metadata limit");
                }
                long valueAt = size <= 4 ? at + 8 : buf.getInt(at + 8) & 0xFFFFFFFFL;
                need(valueAt, size);
                if (isPointer(tag)) {
                    if (count != 1 || unit != 4) {
                        throw new Malformed("tag " + tag + " is not a directory offset");
                    }
                    long child = buf.getInt((int) valueAt) & 0xFFFFFFFFL;
                    ifd.entries.add(new Entry(tag, TYPE_LONG, 1, null, read(child, depth + 1)));
                    continue;
                }
                byte[] value = new byte[(int) size];
                buf.get((int) valueAt, value);
                budget -= size;
                ifd.entries.add(new Entry(tag, type, count, value, null));
            }
            return ifd;
        }

        private int need(long offset, long n) {
            if (offset < 0 || n < 0 || offset + n > buf.limit()) {
                throw new Malformed("offset " + offset + " + " + n + " is past the end (" + buf.limit() + " bytes)");
            }
            return (int) offset;
        }

        private int u16(int at) {
            return buf.getShort(at) & 0xFFFF;
        }
    }

    static boolean isPointer(int tag) {
        return tag == EXIF_POINTER || tag == GPS_POINTER || tag == INTEROP_POINTER;
    }

    /** The entry for {@code tag}, or null. */
    Entry find(int tag) {
        for (Entry e : entries) {
            if (e.tag() == tag) {
                return e;
            }
        }
        return null;
    }

    /** Replaces or adds {@code entry} (by tag). */
    void put(Entry entry) {
        entries.removeIf(e -> e.tag() == entry.tag());
        entries.add(entry);
    }

    /** Sets the orientation tag, if present, to 1 (top-left), keeping its type. */
    void resetOrientation() {
        Entry e = find(ORIENTATION);
        if (e != null && e.type() == TYPE_SHORT && e.count() == 1) {
            put(new Entry(ORIENTATION, TYPE_SHORT, 1, ByteBuffer.allocate(2).order(order).putShort((short) 1).array(), null));
        }
    }

    /** A long value in this directory's byte order. */
    Entry longEntry(int tag, long value) {
        return new Entry(tag, TYPE_LONG, 1, ByteBuffer.allocate(4).order(order).putInt((int) value).array(), null);
    }

    /** A whole TIFF structure: header, then this directory (with no next one) and its values. */
    byte[] toTiff(ByteOrder out) {
        Out o = new Out(out);
        o.buf.put((byte) (out == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M')).put((byte) (out == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M'))
                .putShort((short) 42).putInt(8);
        o.writeIfd(this, 0);
        return o.bytes();
    }

    /**
     * This directory written as if it started at file offset {@code base} (every offset in it is
     * absolute), in byte order {@code out}, with {@code next} as its next-directory offset.
     */
    byte[] toBytesAt(long base, ByteOrder out, long next) {
        Out o = new Out(out);
        o.base = base;
        o.writeIfd(this, next);
        return o.bytes();
    }

    /** The size of the tree when written: a bound checked before anything is spliced. */
    int byteSize() {
        return toBytesAt(0, order, 0).length;
    }

    private static final class Out {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        long base;

        Out(ByteOrder order) {
            buf.order(order);
        }

        void ensure(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).order(buf.order());
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void align() {
            if ((base + buf.position()) % 2 != 0) {
                ensure(1);
                buf.put((byte) 0);
            }
        }

        /** Writes {@code ifd} at the current position, its out-of-line values and sub-directories after it. */
        void writeIfd(Ifd ifd, long next) {
            align();
            List<Entry> sorted = new ArrayList<>(ifd.entries);
            sorted.sort(Comparator.comparingInt(Entry::tag)); // TIFF wants ascending tags
            int start = buf.position();
            ensure(2 + 12 * sorted.size() + 4);
            buf.putShort((short) sorted.size());
            for (Entry e : sorted) {
                buf.putShort((short) e.tag()).putShort((short) e.type()).putInt((int) e.count()).putInt(0);
            }
            buf.putInt((int) next);
            for (int i = 0; i < sorted.size(); i++) {
                Entry e = sorted.get(i);
                int slot = start + 2 + 12 * i + 8;
                if (e.child() != null) {
                    align();
                    buf.putInt(slot, (int) (base + buf.position()));
                    writeIfd(e.child(), 0);
                    continue;
                }
                byte[] v = swapped(e, ifd.order, buf.order());
                if (v.length <= 4) {
                    for (int k = 0; k < v.length; k++) {
                        buf.put(slot + k, v[k]);
                    }
                } else {
                    align();
                    buf.putInt(slot, (int) (base + buf.position()));
                    ensure(v.length);
                    buf.put(v);
                }
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }

    /** The value bytes of {@code e} turned from byte order {@code from} to {@code to}. */
    private static byte[] swapped(Entry e, ByteOrder from, ByteOrder to) {
        int unit = unitSize(e.type());
        int swapUnit = unit == 8 && e.type() != 12 ? 4 : unit; // a rational is two 4-byte numbers
        if (from == to || swapUnit == 1) {
            return e.value();
        }
        byte[] v = e.value().clone();
        for (int i = 0; i + swapUnit <= v.length; i += swapUnit) {
            for (int a = i, b = i + swapUnit - 1; a < b; a++, b--) {
                byte t = v[a];
                v[a] = v[b];
                v[b] = t;
            }
        }
        return v;
    }
}
