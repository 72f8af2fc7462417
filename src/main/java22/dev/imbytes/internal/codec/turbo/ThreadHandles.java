package dev.imbytes.internal.codec.turbo;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;

/**
 * One thread's TurboJPEG instances and buffers. TurboJPEG instances are not thread-safe, so each
 * thread that calls the accelerator gets its own, created on first use; a {@link Cleaner} destroys
 * them once this object is unreachable, when no call can be using them any more.
 */
final class ThreadHandles {
    /** Heap input larger than this is copied into a per-call buffer instead of the kept one. */
    static final long SCRATCH_KEEP_MAX = 16L << 20;

    private static final Cleaner CLEANER = Cleaner.create();

    final Arena arena = Arena.ofAuto();
    final MemorySegment ints = arena.allocate(JAVA_INT, 4);
    final MemorySegment outPtr = arena.allocate(ADDRESS);
    final MemorySegment outSize = arena.allocate(JAVA_LONG);
    final Instances instances;
    MemorySegment scratch = MemorySegment.NULL;

    ThreadHandles(TurboJpegLibrary lib) {
        instances = new Instances(lib);
        CLEANER.register(this, instances);
    }

    MemorySegment decompressor() {
        if (instances.decompressor == null) {
            instances.decompressor = newHandle(instances.lib.initDecompress, "tjInitDecompress");
        }
        return instances.decompressor;
    }

    MemorySegment compressor() {
        if (instances.compressor == null) {
            instances.compressor = newHandle(instances.lib.initCompress, "tjInitCompress");
        }
        return instances.compressor;
    }

    private MemorySegment newHandle(java.lang.invoke.MethodHandle init, String name) {
        MemorySegment h = (MemorySegment) callObject(init);
        if (h.address() == 0) {
            throw new IllegalStateException(name + ": " + instances.lib.errorString(MemorySegment.NULL));
        }
        return h;
    }

    void destroyCompressor() {
        MemorySegment h = instances.compressor;
        instances.compressor = null;
        instances.destroy(h);
    }

    /** A kept native buffer of at least {@code size} bytes, grown by doubling. */
    MemorySegment scratch(long size) {
        if (scratch.byteSize() < size) {
            long n = Math.max(64 * 1024, Long.highestOneBit(size - 1) << 1);
            scratch = arena.allocate(Math.min(n, SCRATCH_KEEP_MAX));
        }
        return scratch.asSlice(0, size);
    }

    private static Object callObject(java.lang.invoke.MethodHandle mh) {
        try {
            return (MemorySegment) mh.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * The native instances, apart from {@link ThreadHandles} so that the Cleaner can destroy them
     * after their owner became unreachable (and so cannot be in a call).
     */
    private static final class Instances implements Runnable {
        final TurboJpegLibrary lib;
        volatile MemorySegment decompressor;
        volatile MemorySegment compressor;

        Instances(TurboJpegLibrary lib) {
            this.lib = lib;
        }

        @Override
        public void run() {
            destroy(decompressor);
            destroy(compressor);
            decompressor = null;
            compressor = null;
        }

        void destroy(MemorySegment h) {
            if (h != null && h.address() != 0) {
                try {
                    int ignored = (int) lib.destroy.invokeExact(h);
                } catch (Throwable ignored) {
                    // nothing to do at cleanup time
                }
            }
        }
    }
}
