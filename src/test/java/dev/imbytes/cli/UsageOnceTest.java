package dev.imbytes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversion is worked out once per target, before any work: a folder run whose flags cannot
 * make one is a usage error (exit 2, one line), not one error record per file; {@code bench} takes
 * the same path for its flags and its input.
 */
class UsageOnceTest {

    @Test
    void aFolderRunWithoutAUsableConversionStopsBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(TestImages.fixture("valid/pillow/hopper.jpg"), in.resolve("a.jpg"));
        Path out = dir.resolve("out.jpg");
        CliRun run = CliRun.run("convert", in.toString(), "-o", out.toString(), "--quality", "80");
        assertEquals(Main.USAGE, run.exit(), run.stderr());
        assertTrue(run.stderr().startsWith("imbytes: ") && run.stderr().contains("give --to"), run.stderr());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
        assertFalse(Files.exists(out), "nothing is created");
    }

    @Test
    void benchUsageErrorsAreOneLineAndExit2(@TempDir Path dir) {
        CliRun missing = CliRun.run("bench", dir.resolve("missing").toString(), "--seconds", "0.1");
        assertEquals(Main.USAGE, missing.exit(), missing.stderr());
        assertEquals("imbytes: input folder not found: " + dir.resolve("missing"), missing.stderr().strip());

        CliRun badFlag = CliRun.run("bench", dir.toString(), "--to", "jpg", "--quality", "101");
        assertEquals(Main.USAGE, badFlag.exit(), badFlag.stderr());
        assertTrue(badFlag.stderr().startsWith("imbytes: --quality: "), badFlag.stderr());
    }
}
