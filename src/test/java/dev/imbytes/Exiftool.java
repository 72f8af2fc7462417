package dev.imbytes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * ExifTool (libimage-exiftool-perl) as the independent reader of the metadata imbytes writes.
 * Absent, its tests are skipped on a developer's machine but fail where {@code IMBYTES_REQUIRE_EXIFTOOL}
 * is set ({@code .ci/run} installs it and sets it), so CI never passes by skipping them.
 */
public final class Exiftool {
    private static final boolean PRESENT = present();

    private Exiftool() {
    }

    private static boolean present() {
        try {
            Process p = new ProcessBuilder("exiftool", "-ver").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Skips the calling test when exiftool is missing, unless CI requires it (then fails). */
    public static void require() {
        if (System.getenv("IMBYTES_REQUIRE_EXIFTOOL") != null) {
            if (!PRESENT) {
                throw new AssertionError("exiftool is required (IMBYTES_REQUIRE_EXIFTOOL set): apt-get install libimage-exiftool-perl");
            }
            return;
        }
        Assumptions.assumeTrue(PRESENT, "exiftool not installed (apt-get install libimage-exiftool-perl)");
    }

    /** Every tag exiftool finds in {@code bytes}, keyed {@code Group1:Tag} (numeric values, duplicates kept). */
    public static Map<String, String> tags(byte[] bytes) {
        String json = new String(run(bytes, "-j", "-a", "-G1", "-n", "-struct", "-"));
        try {
            JsonNode node = new ObjectMapper().readTree(json).get(0);
            Map<String, String> out = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw bytes of one tag, e.g. {@code ICC_Profile}; empty when absent. */
    public static byte[] binary(byte[] bytes, String tag) {
        return run(bytes, "-b", "-" + tag, "-");
    }

    private static byte[] run(byte[] input, String... args) {
        Path file = null;
        try {
            file = Files.createTempFile("imbytes-exiftool", ".bin");
            Files.write(file, input);
            String[] cmd = new String[args.length + 1];
            cmd[0] = "exiftool";
            for (int i = 0; i < args.length; i++) {
                cmd[i + 1] = args[i].equals("-") ? file.toString() : args[i];
            }
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("exiftool did not finish");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temp file does not change a result
                }
            }
        }
    }
}
