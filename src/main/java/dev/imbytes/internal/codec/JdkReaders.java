package dev.imbytes.internal.codec;

import dev.imbytes.CorruptImageException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The JDK's own ImageIO readers, fed from memory. A reader is chosen by the format imbytes' probe
 * recognised, never by ImageIO's sniffing (which would let any registered plug-in claim the bytes),
 * and it is always the JDK's class, whose behaviour the tests check: a plug-in such as
 * TwelveMonkeys registered by the application is not used. The input stream is a
 * {@link MemoryCacheImageInputStream}, not {@link ImageIO#createImageInputStream}, which may cache
 * in a temporary file; the global {@link ImageIO#setUseCache} setting is left alone.
 */
final class JdkReaders {
    private JdkReaders() {
    }

    /**
     * The JDK reader of class {@code className} among the readers of {@code formatName}.
     *
     * @throws CorruptImageException when it is not registered (a stripped-down runtime)
     */
    static ImageReader reader(String formatName, String className, String describedImage) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (chosen == null && className.equals(r.getClass().getName())) {
                chosen = r;
            } else {
                r.dispose();
            }
        }
        if (chosen == null) {
            throw new CorruptImageException(describedImage + " cannot be decoded: the JDK's reader (" + className
                    + ") is not available in this Java runtime");
        }
        return chosen;
    }

    /** The bytes from {@code data}'s position to its limit, as an in-memory image input stream (no copy for heap buffers). */
    static ImageInputStream memoryStream(ByteBuffer data) {
        int length = data.remaining();
        ByteArrayInputStream bytes;
        if (data.hasArray()) {
            bytes = new ByteArrayInputStream(data.array(), data.arrayOffset() + data.position(), length);
        } else {
            byte[] copy = new byte[length];
            data.duplicate().get(copy); // duplicate: the caller's position stays where it was
            bytes = new ByteArrayInputStream(copy);
        }
        return new MemoryCacheImageInputStream(bytes);
    }
}
