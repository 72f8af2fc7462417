package dev.imbytes.internal.codec.turbo;

import java.nio.ByteBuffer;

/**
 * The few TurboJPEG 2.x C functions ({@code turbojpeg.h}) imbytes calls, over one foreign-function
 * mechanism: FFM on Java 22+ ({@code FfmBinding}, the only class in the multi-release part) or
 * JNA below ({@link JnaBinding}). Everything else, which calls to make and with what, lives once in
 * the Java 17 code that uses this interface, so both bindings run the same code path and write the
 * same bytes.
 *
 * <p>Every pointer is a native address in a {@code long}; the methods are thin: no checks beyond
 * what the C function does. Implementations are immutable and thread-safe; the TurboJPEG
 * <em>instances</em> (handles) they act on are not.
 */
public interface TurboJpegBinding {

    // turbojpeg.h (2.x) constants, the ones imbytes passes or reads.
    int TJPF_BGR = 1;
    int TJPF_GRAY = 6;
    int TJPF_BGRA = 8;
    int TJSAMP_444 = 0;
    int TJSAMP_422 = 1;
    int TJSAMP_420 = 2;
    int TJSAMP_GRAY = 3;
    int TJSAMP_440 = 4;
    int TJSAMP_411 = 5;
    int TJCS_CMYK = 3;
    int TJCS_YCCK = 4;
    int TJFLAG_NOREALLOC = 1024;
    int TJFLAG_ACCURATEDCT = 4096;
    int TJFLAG_STOPONWARNING = 8192;
    int TJFLAG_PROGRESSIVE = 16384;
    int TJERR_WARNING = 0;

    /** The mechanism, for logs and {@code --version}: {@code "FFM"} or {@code "JNA"}. */
    String mechanism();

    /** The library file or name that was opened, e.g. {@code libturbojpeg.so.0}. */
    String libraryName();

    /** {@code tjhandle tjInitCompress(void)}; 0 on failure. */
    long initCompress();

    /** {@code tjhandle tjInitDecompress(void)}; 0 on failure. */
    long initDecompress();

    /** {@code int tjDestroy(tjhandle)}. */
    int destroy(long handle);

    /**
     * {@code int tjDecompressHeader3(handle, jpegBuf, jpegSize, &width, &height, &subsamp, &colorspace)},
     * the four ints written at {@code fourInts}, {@code +4}, {@code +8}, {@code +12}.
     */
    int decompressHeader3(long handle, long jpeg, long jpegSize, long fourInts);

    /** {@code int tjDecompress2(handle, jpegBuf, jpegSize, dstBuf, width, pitch, height, pixelFormat, flags)}. */
    int decompress2(long handle, long jpeg, long jpegSize, long dst, int width, int pitch, int height,
                    int pixelFormat, int flags);

    /**
     * {@code int tjCompress2(handle, srcBuf, width, pitch, height, pixelFormat, &jpegBuf, &jpegSize,
     * subsamp, quality, flags)}, with {@code jpegBuf} the {@code unsigned char*} stored at
     * {@code jpegBufCell} and {@code jpegSize} the {@code unsigned long} at {@code jpegSizeCell}.
     */
    int compress2(long handle, long src, int width, int pitch, int height, int pixelFormat,
                  long jpegBufCell, long jpegSizeCell, int subsampling, int quality, int flags);

    /** {@code unsigned long tjBufSize(width, height, subsamp)}: the most bytes a JPEG of that size can take. */
    long bufSize(int width, int height, int subsampling);

    /** {@code unsigned char* tjAlloc(int bytes)}; 0 on failure. Freed with {@link #free}. */
    long alloc(int bytes);

    /** {@code void tjFree(unsigned char*)}. */
    void free(long address);

    /** {@code int tjGetErrorCode(tjhandle)}: 0 for a warning, 1 for a fatal error. */
    int errorCode(long handle);

    /** {@code char* tjGetErrorStr2(tjhandle)} as text (at most 256 bytes read), never null. */
    String errorString(long handle);

    /** {@code tjscalingfactor* tjGetScalingFactors(&count)} as {num, denom} pairs. */
    int[][] scalingFactors();

    /**
     * A direct buffer over {@code length} bytes of native memory at {@code address}, through which
     * Java copies in and out (bulk {@code ByteBuffer} copies are memcpy). The caller keeps the
     * memory alive while the view is used.
     */
    ByteBuffer view(long address, int length);

    /** The native address of a direct buffer's first byte (index 0, not its position). */
    long address(ByteBuffer direct);
}
