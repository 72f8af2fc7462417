package dev.imbytes.internal.codec.turbo;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The downcall handles of the TurboJPEG 2.x C API ({@code turbojpeg.h}) in the system's
 * libturbojpeg, and its constants. Built once by {@link #open()}; every handle is immutable and
 * safe to share between threads (the TurboJPEG <em>instances</em> they act on are not).
 */
final class TurboJpegLibrary {

    // turbojpeg.h (2.x) constants.
    static final int TJPF_BGR = 1;
    static final int TJPF_GRAY = 6;
    static final int TJSAMP_444 = 0;
    static final int TJSAMP_422 = 1;
    static final int TJSAMP_420 = 2;
    static final int TJSAMP_GRAY = 3;
    static final int TJSAMP_440 = 4;
    static final int TJSAMP_411 = 5;
    static final int TJCS_CMYK = 3;
    static final int TJCS_YCCK = 4;
    static final int TJFLAG_ACCURATEDCT = 4096;
    static final int TJFLAG_STOPONWARNING = 8192;
    static final int TJFLAG_PROGRESSIVE = 16384;
    static final int TJERR_WARNING = 0;

    /** The system property naming another library file or name to open instead of the defaults. */
    static final String LIBRARY_PROPERTY = "imbytes.turbojpeg.library";

    /** Size bound for reading TurboJPEG's error string (its buffer is JMSG_LENGTH_MAX = 200). */
    private static final long ERROR_STRING_MAX = 256;

    final String libraryName;
    final MethodHandle initDecompress;     // tjhandle tjInitDecompress(void)
    final MethodHandle initCompress;       // tjhandle tjInitCompress(void)
    final MethodHandle decompressHeader3;  // int (tjhandle, const uchar*, ulong, int*, int*, int*, int*)
    final MethodHandle decompress2;        // int (tjhandle, const uchar*, ulong, uchar*, int, int, int, int, int)
    final MethodHandle compress2;          // int (tjhandle, const uchar*, int, int, int, int, uchar**, ulong*, int, int, int)
    final MethodHandle free;               // void tjFree(uchar*)
    final MethodHandle destroy;            // int tjDestroy(tjhandle)
    final MethodHandle getErrorStr2;       // char* tjGetErrorStr2(tjhandle)
    final MethodHandle getErrorCode;       // int tjGetErrorCode(tjhandle)
    final MethodHandle getScalingFactors;  // tjscalingfactor* tjGetScalingFactors(int*)

    private TurboJpegLibrary(String libraryName, SymbolLookup lookup, Linker linker) {
        this.libraryName = libraryName;
        initDecompress = bind(linker, lookup, "tjInitDecompress", FunctionDescriptor.of(ADDRESS));
        initCompress = bind(linker, lookup, "tjInitCompress", FunctionDescriptor.of(ADDRESS));
        decompressHeader3 = bind(linker, lookup, "tjDecompressHeader3", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        decompress2 = bind(linker, lookup, "tjDecompress2", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        compress2 = bind(linker, lookup, "tjCompress2", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_INT));
        free = bind(linker, lookup, "tjFree", FunctionDescriptor.ofVoid(ADDRESS));
        destroy = bind(linker, lookup, "tjDestroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getErrorStr2 = bind(linker, lookup, "tjGetErrorStr2", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getErrorCode = bind(linker, lookup, "tjGetErrorCode", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getScalingFactors = bind(linker, lookup, "tjGetScalingFactors", FunctionDescriptor.of(ADDRESS, ADDRESS));
    }

    /**
     * Opens the system's libturbojpeg and binds every function used.
     *
     * @throws IllegalStateException   when no library could be opened or a symbol is missing
     * @throws IllegalCallerException  when native access is denied to this code
     * @throws UnsupportedOperationException when C {@code unsigned long} is not 64-bit (e.g. Windows)
     */
    static TurboJpegLibrary open() {
        Linker linker = Linker.nativeLinker();
        MemoryLayout cLong = linker.canonicalLayouts().get("long");
        if (cLong == null || cLong.byteSize() != 8) {
            throw new UnsupportedOperationException("C long is not 64-bit on this platform");
        }
        List<String> names = new ArrayList<>();
        String override = System.getProperty(LIBRARY_PROPERTY);
        if (override != null && !override.isBlank()) {
            names.add(override.trim());
        } else {
            names.add("libturbojpeg.so.0");     // Linux (Debian/Ubuntu libturbojpeg0, Fedora turbojpeg)
            names.add("libturbojpeg.0.dylib");  // macOS (Homebrew jpeg-turbo), untested
        }
        IllegalArgumentException last = null;
        for (String name : names) {
            SymbolLookup lookup;
            try {
                // Global arena: the library stays loaded for the life of the JVM, as the handles need.
                lookup = SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) { // "Cannot open library"
                last = e;
                continue;
            }
            return new TurboJpegLibrary(name, lookup, linker);
        }
        throw new IllegalStateException("no TurboJPEG library among " + names, last);
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new IllegalStateException("libturbojpeg has no symbol " + name));
        return linker.downcallHandle(symbol, fd);
    }

    /** The scaling factors the library supports, as {num, denom} pairs. */
    int[][] scalingFactors() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            MemorySegment factors = (MemorySegment) getScalingFactors.invokeExact(count);
            int n = count.get(JAVA_INT, 0);
            if (factors.address() == 0 || n <= 0 || n > 1024) {
                return new int[0][];
            }
            MemorySegment array = factors.reinterpret(8L * n); // struct { int num; int denom; }
            int[][] result = new int[n][];
            for (int i = 0; i < n; i++) {
                result[i] = new int[] {array.get(JAVA_INT, 8L * i), array.get(JAVA_INT, 8L * i + 4)};
            }
            return result;
        }
    }

    /** The last error message of {@code handle} (or the global one for a null handle). */
    String errorString(MemorySegment handle) {
        try {
            MemorySegment s = (MemorySegment) getErrorStr2.invokeExact(handle);
            if (s.address() == 0) {
                return "unknown TurboJPEG error";
            }
            // The returned pointer has size 0: give it a bound and stop at the NUL within it.
            MemorySegment bounded = s.reinterpret(ERROR_STRING_MAX);
            int len = 0;
            while (len < ERROR_STRING_MAX && bounded.get(java.lang.foreign.ValueLayout.JAVA_BYTE, len) != 0) {
                len++;
            }
            byte[] bytes = new byte[len];
            MemorySegment.copy(bounded, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes, 0, len);
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
        } catch (Throwable t) {
            return "unknown TurboJPEG error (" + t + ")";
        }
    }

    /** Whether the last error of {@code handle} was only a warning (e.g. premature end of data). */
    boolean isWarning(MemorySegment handle) {
        try {
            return (int) getErrorCode.invokeExact(handle) == TJERR_WARNING;
        } catch (Throwable t) {
            return false;
        }
    }
}
