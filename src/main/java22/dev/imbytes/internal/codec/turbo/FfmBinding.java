package dev.imbytes.internal.codec.turbo;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@link TurboJpegBinding} through {@code java.lang.foreign} (Java 22+; the only class in the
 * multi-release part of the jar). Pointers are passed and returned as {@code long}: on the 64-bit
 * platforms accepted here (C {@code long} and pointers both 64-bit) a pointer and a 64-bit integer
 * travel in the same register, and no {@code MemorySegment} is made per call.
 * {@link TurboJpegBindings} finds this class by name and calls {@link #open(String)}.
 */
public final class FfmBinding implements TurboJpegBinding {

    private static final Linker LINKER = Linker.nativeLinker();

    /** The error string sits in a JMSG_LENGTH_MAX (200) buffer: never read past this. */
    private static final int ERROR_STRING_MAX = 256;

    private final String libraryName;
    private final MethodHandle initCompress;
    private final MethodHandle initDecompress;
    private final MethodHandle destroy;
    private final MethodHandle decompressHeader3;
    private final MethodHandle decompress2;
    private final MethodHandle compress2;
    private final MethodHandle bufSize;
    private final MethodHandle alloc;
    private final MethodHandle free;
    private final MethodHandle getErrorCode;
    private final MethodHandle getErrorStr2;
    private final MethodHandle getScalingFactors;

    private FfmBinding(String libraryName, SymbolLookup lookup) {
        this.libraryName = libraryName;
        initCompress = bind(lookup, "tjInitCompress", FunctionDescriptor.of(JAVA_LONG));
        initDecompress = bind(lookup, "tjInitDecompress", FunctionDescriptor.of(JAVA_LONG));
        destroy = bind(lookup, "tjDestroy", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        decompressHeader3 = bind(lookup, "tjDecompressHeader3", FunctionDescriptor.of(JAVA_INT,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
        decompress2 = bind(lookup, "tjDecompress2", FunctionDescriptor.of(JAVA_INT,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        compress2 = bind(lookup, "tjCompress2", FunctionDescriptor.of(JAVA_INT,
                JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG,
                JAVA_INT, JAVA_INT, JAVA_INT));
        bufSize = bind(lookup, "tjBufSize", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT));
        alloc = bind(lookup, "tjAlloc", FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
        free = bind(lookup, "tjFree", FunctionDescriptor.ofVoid(JAVA_LONG));
        getErrorCode = bind(lookup, "tjGetErrorCode", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        getErrorStr2 = bind(lookup, "tjGetErrorStr2", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
        getScalingFactors = bind(lookup, "tjGetScalingFactors", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
    }

    /**
     * Opens {@code library} (a file name the dynamic loader resolves, or a path) and binds every function.
     *
     * @throws IllegalArgumentException      when the library cannot be opened
     * @throws IllegalStateException         when a function is missing
     * @throws IllegalCallerException        when native access is denied to this code
     * @throws UnsupportedOperationException when C {@code long} is not 64-bit (e.g. Windows)
     */
    public static TurboJpegBinding open(String library) {
        MemoryLayout cLong = LINKER.canonicalLayouts().get("long");
        if (cLong == null || cLong.byteSize() != 8) {
            throw new UnsupportedOperationException("C long is not 64-bit on this platform");
        }
        // Global arena: the library stays loaded for the life of the JVM, as the handles need.
        return new FfmBinding(library, SymbolLookup.libraryLookup(library, Arena.global()));
    }

    private static MethodHandle bind(SymbolLookup lookup, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new IllegalStateException("libturbojpeg has no symbol " + name));
        return LINKER.downcallHandle(symbol, fd);
    }

    @Override
    public String mechanism() {
        return "FFM";
    }

    @Override
    public String libraryName() {
        return libraryName;
    }

    @Override
    public long initCompress() {
        try {
            return (long) initCompress.invokeExact();
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public long initDecompress() {
        try {
            return (long) initDecompress.invokeExact();
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int destroy(long handle) {
        try {
            return (int) destroy.invokeExact(handle);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int decompressHeader3(long handle, long jpeg, long jpegSize, long fourInts) {
        try {
            return (int) decompressHeader3.invokeExact(handle, jpeg, jpegSize, fourInts, fourInts + 4, fourInts + 8,
                    fourInts + 12);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int decompress2(long handle, long jpeg, long jpegSize, long dst, int width, int pitch, int height,
                           int pixelFormat, int flags) {
        try {
            return (int) decompress2.invokeExact(handle, jpeg, jpegSize, dst, width, pitch, height, pixelFormat, flags);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int compress2(long handle, long src, int width, int pitch, int height, int pixelFormat,
                         long jpegBufCell, long jpegSizeCell, int subsampling, int quality, int flags) {
        try {
            return (int) compress2.invokeExact(handle, src, width, pitch, height, pixelFormat, jpegBufCell,
                    jpegSizeCell, subsampling, quality, flags);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public long bufSize(int width, int height, int subsampling) {
        try {
            return (long) bufSize.invokeExact(width, height, subsampling);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public long alloc(int bytes) {
        try {
            return (long) alloc.invokeExact(bytes);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public void free(long address) {
        try {
            free.invokeExact(address);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int errorCode(long handle) {
        try {
            return (int) getErrorCode.invokeExact(handle);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public String errorString(long handle) {
        long s;
        try {
            s = (long) getErrorStr2.invokeExact(handle);
        } catch (Throwable t) {
            throw failed(t);
        }
        if (s == 0) {
            return "unknown TurboJPEG error";
        }
        MemorySegment bounded = MemorySegment.ofAddress(s).reinterpret(ERROR_STRING_MAX);
        int len = 0;
        while (len < ERROR_STRING_MAX && bounded.get(JAVA_BYTE, len) != 0) {
            len++;
        }
        return new String(bounded.asSlice(0, len).toArray(JAVA_BYTE), StandardCharsets.ISO_8859_1).trim();
    }

    @Override
    public int[][] scalingFactors() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            long factors = (long) getScalingFactors.invokeExact(count.address());
            int n = count.get(JAVA_INT, 0);
            if (factors == 0 || n <= 0 || n > 1024) {
                return new int[0][];
            }
            MemorySegment array = MemorySegment.ofAddress(factors).reinterpret(8L * n); // {int num; int denom;}
            int[][] result = new int[n][];
            for (int i = 0; i < n; i++) {
                result[i] = new int[] {array.get(JAVA_INT, 8L * i), array.get(JAVA_INT, 8L * i + 4)};
            }
            return result;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public ByteBuffer view(long address, int length) {
        return MemorySegment.ofAddress(address).reinterpret(length).asByteBuffer();
    }

    @Override
    public long address(ByteBuffer direct) {
        return MemorySegment.ofBuffer(direct).address() - direct.position();
    }

    /** Rethrows what a downcall threw; wraps only checked throwables, which invokeExact declares but never throws here. */
    private static RuntimeException failed(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
