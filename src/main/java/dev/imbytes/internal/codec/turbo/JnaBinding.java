package dev.imbytes.internal.codec.turbo;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * {@link TurboJpegBinding} through JNA's direct mapping (static {@code native} methods bound by
 * {@link Native#register}), for Java 17–21. JNA is an optional dependency: only
 * {@link TurboJpegBindings} names this class, by reflection, after checking JNA is on the class
 * path, so a library user without JNA never loads it. Pointers are {@code long}s, as in
 * {@code FfmBinding}; that is only right where C {@code long} and pointers are 64-bit, which
 * {@link #open} checks.
 */
public final class JnaBinding implements TurboJpegBinding {

    /** Reading an error string stops here even without a NUL (TurboJPEG's buffer is 200 bytes). */
    private static final int ERROR_STRING_MAX = 256;

    private final String libraryName;

    private JnaBinding(String libraryName) {
        this.libraryName = libraryName;
    }

    /**
     * Opens {@code library} through JNA and binds every function; once per JVM (a second call with
     * another name fails, as the natives are already bound).
     *
     * @throws UnsatisfiedLinkError          when the library or a function is missing
     * @throws UnsupportedOperationException when C {@code long} or pointers are not 64-bit
     */
    public static synchronized TurboJpegBinding open(String library) {
        if (opened != null) {
            if (!opened.libraryName.equals(library)) {
                throw new IllegalStateException("JNA already bound " + opened.libraryName + ", not " + library);
            }
            return opened;
        }
        if (Native.LONG_SIZE != 8 || Native.POINTER_SIZE != 8) {
            throw new UnsupportedOperationException("C long or pointers are not 64-bit on this platform");
        }
        Native.register(Natives.class, NativeLibrary.getInstance(library));
        opened = new JnaBinding(library);
        return opened;
    }

    /** The binding made by the first successful {@link #open}: natives are bound once per class. */
    private static JnaBinding opened;

    /** The C functions, bound by {@link Native#register}; pointer and {@code unsigned long} arguments as {@code long}. */
    private static final class Natives {
        static native long tjInitCompress();

        static native long tjInitDecompress();

        static native int tjDestroy(long handle);

        static native int tjDecompressHeader3(long handle, long jpeg, long jpegSize, long width, long height,
                                              long subsampling, long colorspace);

        static native int tjDecompress2(long handle, long jpeg, long jpegSize, long dst, int width, int pitch,
                                        int height, int pixelFormat, int flags);

        static native int tjCompress2(long handle, long src, int width, int pitch, int height, int pixelFormat,
                                      long jpegBufCell, long jpegSizeCell, int subsampling, int quality, int flags);

        static native long tjBufSize(int width, int height, int subsampling);

        static native long tjAlloc(int bytes);

        static native void tjFree(long address);

        static native int tjGetErrorCode(long handle);

        static native long tjGetErrorStr2(long handle);

        static native long tjGetScalingFactors(long count);
    }

    @Override
    public String mechanism() {
        return "JNA";
    }

    @Override
    public String libraryName() {
        return libraryName;
    }

    @Override
    public long initCompress() {
        return Natives.tjInitCompress();
    }

    @Override
    public long initDecompress() {
        return Natives.tjInitDecompress();
    }

    @Override
    public int destroy(long handle) {
        return Natives.tjDestroy(handle);
    }

    @Override
    public int decompressHeader3(long handle, long jpeg, long jpegSize, long fourInts) {
        return Natives.tjDecompressHeader3(handle, jpeg, jpegSize, fourInts, fourInts + 4, fourInts + 8, fourInts + 12);
    }

    @Override
    public int decompress2(long handle, long jpeg, long jpegSize, long dst, int width, int pitch, int height,
                           int pixelFormat, int flags) {
        return Natives.tjDecompress2(handle, jpeg, jpegSize, dst, width, pitch, height, pixelFormat, flags);
    }

    @Override
    public int compress2(long handle, long src, int width, int pitch, int height, int pixelFormat,
                         long jpegBufCell, long jpegSizeCell, int subsampling, int quality, int flags) {
        return Natives.tjCompress2(handle, src, width, pitch, height, pixelFormat, jpegBufCell, jpegSizeCell,
                subsampling, quality, flags);
    }

    @Override
    public long bufSize(int width, int height, int subsampling) {
        return Natives.tjBufSize(width, height, subsampling);
    }

    @Override
    public long alloc(int bytes) {
        return Natives.tjAlloc(bytes);
    }

    @Override
    public void free(long address) {
        Natives.tjFree(address);
    }

    @Override
    public int errorCode(long handle) {
        return Natives.tjGetErrorCode(handle);
    }

    @Override
    public String errorString(long handle) {
        long s = Natives.tjGetErrorStr2(handle);
        if (s == 0) {
            return "unknown TurboJPEG error";
        }
        Pointer p = new Pointer(s);
        int len = 0;
        while (len < ERROR_STRING_MAX && p.getByte(len) != 0) {
            len++;
        }
        return new String(p.getByteArray(0, len), java.nio.charset.StandardCharsets.ISO_8859_1).trim();
    }

    @Override
    public int[][] scalingFactors() {
        try (Memory count = new Memory(4)) {
            long factors = Natives.tjGetScalingFactors(Pointer.nativeValue(count));
            int n = count.getInt(0);
            if (factors == 0 || n <= 0 || n > 1024) {
                return new int[0][];
            }
            Pointer array = new Pointer(factors); // struct { int num; int denom; }
            int[][] result = new int[n][];
            for (int i = 0; i < n; i++) {
                result[i] = new int[] {array.getInt(8L * i), array.getInt(8L * i + 4)};
            }
            return result;
        }
    }

    @Override
    public ByteBuffer view(long address, int length) {
        return new Pointer(address).getByteBuffer(0, length);
    }

    @Override
    public long address(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }
}
