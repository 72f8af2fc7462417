package dev.imbytes.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imbytes.TestImages;
import dev.imbytes.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutants of every test image (bit flips, byte overwrites, truncations, a segment or chunk
 * duplicated or deleted: see {@link Mutants}) go through one CLI batch in a child JVM, the way a
 * user runs it, strict by default. The batch must finish with exit 0 or 1, write exactly one JSON
 * record per input, and put nothing on stderr but the tool's own lines and the native messages
 * SECURITY.md lists as still possible ("What is not guaranteed": damage inside JPEG entropy-coded
 * data or a PNG's compressed pixel stream, which only the decoder can see).
 */
class MutantBatchTest {

    /** Mutants per test image: one of each kind of damage ({@link Mutants.Kind}). */
    static final int PER_FILE = 5;

    static final long SEED = 20261202L;

    /**
     * The native lines SECURITY.md documents as possible in strict mode: libjpeg's messages about
     * entropy-coded data, and libpng's about the compressed pixel stream. Anything else fails.
     */
    static final Pattern DOCUMENTED = Pattern.compile("Corrupt JPEG data: (premature end of data segment"
            + "|bad Huffman code|\\d+ extraneous bytes before marker 0x(d[0-7]|d9|c4|da|db|dd))"
            + "|libpng error: (bad adaptive filter value|IDAT: incorrect data check|Not enough image data"
            + "|IDAT: invalid (distance too far back|code lengths set|block type|stored block lengths|literal/lengths set|distances set)"
            + "|IDAT: too many length or distance symbols|IDAT: invalid (distance|literal/length) code)"
            + "|libpng warning: (Too much image data|IDAT: Too much image data|Extra compressed data|IDAT: Extra compressed data"
            + "|IDAT: incorrect data check)");

    private static final Pattern INPUT = Pattern.compile("\"input\":\"([^\"]*)\"");

    @Test
    void mutantsOfEveryTestImageGiveOneRecordEachAndNoUndocumentedNativeOutput(@TempDir Path tmp) throws IOException {
        List<String> documented = runBatch(tmp, args -> Hostile.runJava(List.of("-Xmx1g"), Main.class, 240, args));
        long damagedStreams = mutantNames(tmp).stream()
                .filter(n -> n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png")).count();
        assertTrue(documented.size() <= damagedStreams, "at most one documented line per JPEG or PNG mutant: "
                + documented);
        if (Java22.libTurboJpeg().isPresent()) { // the test class path has JNA: TurboJPEG decodes on Java 17 too
            assertEquals(List.of(), documented.stream().filter(l -> l.startsWith("Corrupt JPEG data")).toList(),
                    "libjpeg lines on the TurboJPEG path (JNA)");
        }
    }

    /**
     * On Java 22+ with the system's libturbojpeg, JPEGs are decoded by TurboJPEG, which reports
     * libjpeg's warnings as codes instead of printing them; a strict decode then refuses the file.
     * So there, not even the documented JPEG lines may appear.
     */
    @Test
    void onJava22WithLibturbojpegNoJpegMutantPrintsAnything(@TempDir Path tmp) throws IOException {
        Optional<String> missing = Java22.missing();
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        jvm.addAll(Java22.jvmArgs());
        List<String> documented = runBatch(tmp, args -> {
            List<String> all = new ArrayList<>(jvm);
            all.add(Main.class.getName());
            all.addAll(List.of(args));
            return Hostile.java(Java22.launcher(), all, 240);
        });
        assertEquals(List.of(), documented.stream().filter(l -> l.startsWith("Corrupt JPEG data")).toList(),
                "libjpeg lines on the TurboJPEG path");
    }

    /** Runs the mutant batch through {@code cli}; checks records and exit; returns the documented native lines. */
    private static List<String> runBatch(Path tmp, Function<String[], Hostile.Child> cli) throws IOException {
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        List<Path> sources = DecodeAllMain.imageFiles(TestImages.ROOT);
        List<Path> mutants = Mutants.write(TestImages.ROOT, sources, in, PER_FILE, SEED);

        // --width keeps each PNG small to encode, so the run measures decoding, not zlib
        Hostile.Child child = cli.apply(new String[] {
            "convert", in.toString(), "-o", out.toString(), "--to", "png", "--json", "--width", "64"});

        assertTrue(child.exit() == 0 || child.exit() == 1, "exit " + child.exit() + "\n" + child.stderr());
        List<String> records = child.stdout().lines().toList();
        Set<String> inputs = new TreeSet<>();
        for (String r : records) {
            Matcher m = INPUT.matcher(r);
            assertTrue(m.find(), "not a record: " + r);
            inputs.add(Path.of(m.group(1)).getFileName().toString());
        }
        assertEquals(mutants.size(), records.size(), "one record per input");
        assertEquals(mutantNames(tmp), inputs, "every input has its record");

        List<String> documented = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        for (String line : child.stderrLines()) {
            if (line.startsWith("imbytes: ")) {
                continue; // the tool's own per-file and summary lines
            }
            (DOCUMENTED.matcher(line).matches() ? documented : undocumented).add(line);
        }
        assertEquals(List.of(), undocumented, "native stderr lines SECURITY.md does not allow");
        return documented;
    }

    private static Set<String> mutantNames(Path tmp) throws IOException {
        try (var files = java.nio.file.Files.list(tmp.resolve("in"))) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
