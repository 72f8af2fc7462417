package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.spark.ImbytesSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only the command line may use picocli and Jackson (optional dependencies a library user does not
 * get), and nothing else may use the command line: checked on the compiled classes (every class a
 * class uses is named in its constant pool) and on the sources (an import that is never used). The
 * header probe does not use OpenCV.
 */
class DependencyRulesTest {
    /** What only {@code dev.imbytes.cli} may name, as class files and sources spell it. */
    private static final List<String> CLI_ONLY = List.of("picocli/", "com/fasterxml/jackson/", "dev/imbytes/cli/");

    @Test
    void nothingOutsideTheCliUsesPicocliJacksonOrTheCli() throws Exception {
        Path classes = Path.of(ImbytesSpark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, String> offences = new TreeMap<>();
        List<Path> checked = new ArrayList<>();
        boolean cliUsesPicocli = false;
        for (Path f : files(classes, ".class")) {
            String name = classes.relativize(f).toString().replace('\\', '/');
            String pool = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            if (name.contains("dev/imbytes/cli/")) {
                cliUsesPicocli |= pool.contains("picocli/");
                continue;
            }
            checked.add(f);
            for (String forbidden : CLI_ONLY) {
                if (pool.contains(forbidden)) {
                    offences.put(name, forbidden);
                }
            }
        }
        assertTrue(cliUsesPicocli, "the scan must see the CLI's own picocli use, else it sees nothing");
        assertTrue(checked.contains(classes.resolve("dev/imbytes/spark/ImbytesSpark.class")), checked.toString());
        assertTrue(checked.size() > 40, "only " + checked.size() + " classes under " + classes);
        assertEquals(Map.of(), offences);
    }

    /**
     * JNA is optional too: only the JNA binding names it, and nothing names that binding's class
     * (it is reached by reflection after checking JNA is there), so a library user without JNA never
     * meets a {@code NoClassDefFoundError}. {@code TurboBindingsTest} runs that case.
     */
    @Test
    void onlyTheJnaBindingUsesJnaAndNothingLinksToIt() throws Exception {
        Path classes = Path.of(ImbytesSpark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, String> offences = new TreeMap<>();
        boolean bindingUsesJna = false;
        for (Path f : files(classes, ".class")) {
            String name = classes.relativize(f).toString().replace('\\', '/');
            String pool = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            if (name.startsWith("dev/imbytes/internal/codec/turbo/JnaBinding")) {
                bindingUsesJna |= pool.contains("com/sun/jna/");
                continue;
            }
            for (String forbidden : List.of("com/sun/jna/", "dev/imbytes/internal/codec/turbo/JnaBinding")) {
                if (pool.contains(forbidden)) {
                    offences.put(name, forbidden);
                }
            }
        }
        assertTrue(bindingUsesJna, "the scan must see the JNA binding's own use of JNA");
        assertEquals(Map.of(), offences);
    }

    @Test
    void noSourceOutsideTheCliImportsThem() {
        Path sources = Path.of("src/main");
        Map<String, String> offences = new TreeMap<>();
        List<Path> java = files(sources, ".java");
        for (Path f : java) {
            String name = sources.relativize(f).toString().replace('\\', '/');
            if (name.contains("dev/imbytes/cli/")) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(f)) {
                    for (String forbidden : CLI_ONLY) {
                        if (line.startsWith("import") && line.replace('.', '/').contains(forbidden)) {
                            offences.put(name, line);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertTrue(java.size() > 40, "only " + java.size() + " sources under " + sources.toAbsolutePath());
        assertEquals(Map.of(), offences);
    }

    /**
     * The probe judges (and refuses) a header before OpenCV is loaded, so no class under
     * {@code internal.probe} may name an OpenCV class: checked on the compiled classes, where an
     * OpenCV type used by any route (import, full name, signature) is in the constant pool.
     */
    @Test
    void noProbeClassUsesOpenCv() throws Exception {
        Map<String, String> pools = constantPools();
        Map<String, String> offences = new TreeMap<>();
        pools.forEach((name, pool) -> {
            if (name.startsWith("dev/imbytes/internal/probe/") && pool.contains("org/opencv/")) {
                offences.put(name, "org/opencv/");
            }
        });
        long probes = pools.keySet().stream().filter(n -> n.startsWith("dev/imbytes/internal/probe/")).count();
        assertTrue(pools.get("dev/imbytes/internal/codec/Decoder.class").contains("org/opencv/"),
                "the scan must see the decoder's own OpenCV use, else it sees nothing");
        assertTrue(pools.containsKey("dev/imbytes/internal/probe/HeaderProbe.class"), pools.keySet().toString());
        assertTrue(probes > 20, "only " + probes + " probe classes");
        assertEquals(Map.of(), offences);
    }

    /** Every compiled main class by its path ({@code dev/imbytes/...class}), with its bytes as ISO-8859-1 text. */
    private static Map<String, String> constantPools() throws Exception {
        Path classes = Path.of(ImbytesSpark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, String> pools = new TreeMap<>();
        for (Path f : files(classes, ".class")) {
            pools.put(classes.relativize(f).toString().replace('\\', '/'),
                    new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        return pools;
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
