package dev.imbytes;

import dev.imbytes.internal.pipeline.BoundedRead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The one place where the facade's {@link Path} and {@link InputStream} forms read their input:
 * always through {@link BoundedRead}, so that the limit holds while reading and not after the
 * whole input sits in memory.
 */
final class InputReads {
    private InputReads() {
    }

    /** A file, FIFO or device, read whole with {@code limits.maxBytes()} enforced while reading. */
    static byte[] read(Path file, Limits limits) throws IOException {
        return BoundedRead.readFile(Objects.requireNonNull(file, "file"), limits.maxBytes());
    }

    /** A stream, read to its end (not closed) with {@code limits.maxBytes()} enforced while reading. */
    static byte[] read(InputStream in, Limits limits) throws IOException {
        return BoundedRead.readStream(Objects.requireNonNull(in, "in"), limits.maxBytes(), "the input stream");
    }
}
