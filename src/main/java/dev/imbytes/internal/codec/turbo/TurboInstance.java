package dev.imbytes.internal.codec.turbo;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One TurboJPEG instance (a {@code tjhandle}, compressor or decompressor) with the native memory
 * its calls reuse: 32 bytes of out-parameter cells and one buffer that grows by doubling up to
 * {@link #KEEP_MAX}. Not thread-safe: one owner at a time.
 *
 * <p>Freed by {@link #close()}, or else by a {@link Cleaner} once the owner is unreachable (a
 * thread's state after the thread ended), when no call can be using it any more; no finalizer.
 */
final class TurboInstance implements AutoCloseable {

    /** A buffer larger than this is allocated for one call and freed after it, not kept. */
    static final long KEEP_MAX = 16L << 20;

    private static final Cleaner CLEANER = Cleaner.create();

    private static final int CELLS = 32;

    private final TurboJpegBinding lib;
    private final boolean compressor;
    private final Native memory;
    private final Cleaner.Cleanable cleanable;
    /** Views of the cells and the kept buffer, made once per (re)allocation so calls allocate nothing. */
    private final ByteBuffer cells;
    private ByteBuffer bufferView;

    TurboInstance(TurboJpegBinding lib, boolean compressor) {
        this.lib = lib;
        this.compressor = compressor;
        this.memory = new Native(lib);
        this.cleanable = CLEANER.register(this, memory);
        memory.cells = lib.alloc(CELLS);
        if (memory.cells == 0) {
            cleanable.clean();
            throw new OutOfMemoryError("tjAlloc(" + CELLS + ") failed");
        }
        cells = lib.view(memory.cells, CELLS).order(ByteOrder.nativeOrder());
    }

    TurboJpegBinding lib() {
        return lib;
    }

    /** The TurboJPEG handle, created on first use (and again after {@link #discardHandle()}). */
    long handle() {
        if (memory.handle == 0) {
            memory.handle = compressor ? lib.initCompress() : lib.initDecompress();
            if (memory.handle == 0) {
                throw new IllegalStateException((compressor ? "tjInitCompress: " : "tjInitDecompress: ")
                        + lib.errorString(0));
            }
        }
        return memory.handle;
    }

    /** Destroys the handle (a new one is made on next use), for state TurboJPEG leaves behind. */
    void discardHandle() {
        long h = memory.handle;
        memory.handle = 0;
        if (h != 0) {
            lib.destroy(h);
        }
    }

    /** The native address of the out-parameter cells, and a native-order view of them. */
    long cellsAddress() {
        return memory.cells;
    }

    ByteBuffer cells() {
        return cells;
    }

    /**
     * The kept buffer, at least {@code size} bytes (at most {@link #KEEP_MAX}: callers check), grown
     * by doubling; its address. {@link #bufferView()} is the view of it.
     */
    long buffer(long size) {
        if (size > KEEP_MAX) {
            throw new IllegalArgumentException("a kept buffer is at most " + KEEP_MAX + " bytes, asked " + size);
        }
        if (memory.bufferSize < size) {
            long n = Math.min(KEEP_MAX, Math.max(64 * 1024, Long.highestOneBit(size - 1) << 1));
            long fresh = lib.alloc((int) n);
            if (fresh == 0) {
                throw new OutOfMemoryError("tjAlloc(" + n + ") failed");
            }
            memory.freeBuffer();
            memory.buffer = fresh;
            memory.bufferSize = n;
            bufferView = lib.view(fresh, (int) n);
        }
        return memory.buffer;
    }

    /** A view of the whole kept buffer (valid until the next {@link #buffer} that grows it). */
    ByteBuffer bufferView() {
        return bufferView;
    }

    long bufferSize() {
        return memory.bufferSize;
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    /** The native resources, apart from their owner so that the Cleaner can free them after it. */
    private static final class Native implements Runnable {
        final TurboJpegBinding lib;
        volatile long handle;
        volatile long cells;
        volatile long buffer;
        volatile long bufferSize;

        Native(TurboJpegBinding lib) {
            this.lib = lib;
        }

        void freeBuffer() {
            long b = buffer;
            buffer = 0;
            bufferSize = 0;
            if (b != 0) {
                lib.free(b);
            }
        }

        @Override
        public void run() {
            long h = handle;
            long c = cells;
            handle = 0;
            cells = 0;
            if (h != 0) {
                lib.destroy(h);
            }
            if (c != 0) {
                lib.free(c);
            }
            freeBuffer();
        }
    }
}
