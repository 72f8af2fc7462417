package dev.imbytes.hostile;

import dev.imbytes.Conversion;
import dev.imbytes.DecodeOptions;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.ImageMat;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run in a child JVM by {@link NativeStderrTest}: decodes (strict, default options, every format
 * allowed) every image file under the directory given as the first argument (default
 * {@code native-test-images}), then converts each to PNG. Prints one line per file on stdout;
 * whatever the native decoders print lands on the child's stderr, which the test reads.
 *
 * <p>With a second argument {@code lenient}, decodes leniently instead.
 */
public final class DecodeAllMain {
    private DecodeAllMain() {
    }

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : TestImages.ROOT;
        boolean lenient = args.length > 1 && args[1].equals("lenient");
        DecodeOptions options = DecodeOptions.defaults().allowingAllFormats().withLenient(lenient);
        for (Path p : imageFiles(root)) {
            byte[] data = Files.readAllBytes(p);
            String outcome;
            try (ImageMat img = Imbytes.decode(data, options)) {
                outcome = "decoded " + img.width() + "x" + img.height();
            } catch (ImageException e) {
                outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            try {
                Imbytes.convert(data, Conversion.to(Format.PNG).withDecodeOptions(options));
            } catch (ImageException e) {
                // the decode line already says why
            }
            System.out.println(root.relativize(p) + "\t" + outcome);
            System.out.flush();
        }
    }

    /** Every image file under {@code root}, sorted (licences, the manifest and the index left out). */
    public static List<Path> imageFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).startsWith("LICENSES"))
                    .filter(p -> !p.getFileName().toString().endsWith(".tsv") && !p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }
}
