package dev.imbytes.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.imbytes.Conversion;
import dev.imbytes.DecodeOptions;
import dev.imbytes.Fit;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.ImageMat;
import dev.imbytes.Imbytes;
import dev.imbytes.internal.probe.HeaderProbe;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

/**
 * Jazzer fuzz targets over everything that reads untrusted bytes. In a plain {@code mvn test}
 * they run once over each seed in {@code HostileFuzzTestInputs/<method>/} (regression mode);
 * with {@code JAZZER_FUZZ=1} one of them (pick it with {@code -Dtest=HostileFuzzTest#name}: Jazzer
 * fuzzes one per JVM) fuzzes for {@code maxDuration} (see SECURITY.md).
 *
 * <p>A typed {@link ImageException} is the expected answer to bad input; anything else thrown is
 * a finding. A finding is kept as a regression input beside the seeds and gets a named test.
 */
class HostileFuzzTest {

    private static final DecodeOptions ALL = DecodeOptions.defaults().allowingAllFormats();

    @FuzzTest(maxDuration = "60s")
    void probe(byte[] data) {
        try {
            HeaderProbe.probe(ByteBuffer.wrap(data));
        } catch (ImageException expected) {
            // unsupported or corrupt: the two answers the probe may give
        }
    }

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] data) {
        try (ImageMat img = Imbytes.decode(data, ALL)) {
            checkWithinLimits(img.width(), img.height());
        } catch (ImageException expected) {
            // refused with a typed exception
        }
    }

    @FuzzTest(maxDuration = "60s")
    void convertToPng(byte[] data) {
        try {
            byte[] png = Imbytes.convert(data, Conversion.to(Format.PNG).withFit(Fit.within(32, 32)).withDecodeOptions(ALL));
            if (png.length == 0) {
                throw new IllegalStateException("a conversion returned no bytes");
            }
        } catch (ImageException expected) {
            // refused with a typed exception
        }
    }

    @FuzzTest(maxDuration = "60s")
    void decodeToBufferedImage(byte[] data) {
        try {
            BufferedImage img = Imbytes.decodeToBufferedImage(data, ALL);
            checkWithinLimits(img.getWidth(), img.getHeight());
        } catch (ImageException expected) {
            // refused with a typed exception
        }
    }

    private static void checkWithinLimits(int w, int h) {
        if ((long) w * h > ALL.limits().maxPixels() || w > ALL.limits().maxSide() || h > ALL.limits().maxSide()) {
            throw new IllegalStateException("decoded " + w + "x" + h + " past the limits " + ALL.limits());
        }
    }
}
