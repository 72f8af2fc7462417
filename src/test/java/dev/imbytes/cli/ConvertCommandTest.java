package dev.imbytes.cli;

import dev.imbytes.cli.files.AtomicFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imbytes.Fit;
import dev.imbytes.Size;
import dev.imbytes.Format;
import dev.imbytes.ImageInfo;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> lines(CliRun run) throws IOException {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : run.out().split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    @Test
    void folderBatchOverTheTestImages(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.run("convert", TestImages.ROOT.toString(), "-o", out.toString(), "--fit", "64x64",
                "--to", "jpg", "--json", "--threads", "2");
        assertEquals(1, run.exit(), "the folder holds corrupt files: " + run.stderr());
        List<JsonNode> all = lines(run);
        // every regular file has a record: the images, and the licences and index skipped as "not an image"
        List<JsonNode> records = all.stream().filter(r -> !r.path("reason").asText().equals("not an image")).toList();
        assertEquals(FirstHourTest.nonImageFiles(), all.size() - records.size(), "skipped: the files without an image");
        assertEquals(TestImages.rows().size(), records.size(), "one record per image file");
        Map<String, JsonNode> byInput = new HashMap<>();
        for (JsonNode r : records) {
            byInput.put(TestImages.ROOT.relativize(Path.of(r.get("input").asText())).toString(), r);
        }
        int failed = 0;
        for (TestImages.Row row : TestImages.rows()) {
            JsonNode r = byInput.get(row.path());
            assertNotNull(r, row.path());
            String status = r.get("status").asText();
            switch (row.expected()) {
                case DECODES -> {
                    {
                        assertEquals("ok", status, row.path() + " " + r);
                        int o = row.appliedOrientation();
                        Size size = Fit.within(64, 64).outputSize(o >= 5 ? new Size(row.h(), row.w()) : new Size(row.w(), row.h()));
                        assertEquals(size.width(), r.get("outWidth").asInt(), row.path());
                        assertEquals(size.height(), r.get("outHeight").asInt(), row.path());
                        assertEquals(row.w(), r.get("width").asInt());
                        assertEquals("jpeg", r.get("outFormat").asText());
                        Path written = Path.of(r.get("output").asText());
                        byte[] bytes = Files.readAllBytes(written);
                        assertEquals(bytes.length, r.get("bytesOut").asLong());
                        ImageInfo info = Imbytes.info(bytes);
                        assertEquals(Format.JPEG, info.format());
                        assertEquals(size.width(), info.width(), row.path());
                        assertEquals(size.height(), info.height(), row.path());
                    }
                }
                case MUST_FAIL, BOMB -> {
                    assertEquals("error", status, row.path());
                    assertFalse(r.get("error").get("message").asText().isBlank());
                    assertFalse(Files.exists(Path.of(r.get("output").asText())), "no output for a failed input");
                }
                default -> assertTrue(status.equals("ok") || status.equals("error"), row.path());
            }
            if (status.equals("error")) {
                failed++;
            }
        }
        assertTrue(run.stderr().contains(failed + " failed"), run.stderr());
        try (Stream<Path> walk = Files.walk(out)) {
            assertTrue(walk.noneMatch(AtomicFiles::isTemporary), "no temporaries left");
        }
        // the same name from several inputs in one folder (hopper.jpg/.tif/.webp) keeps every output
        assertTrue(Files.exists(out.resolve("valid/pillow/hopper.jpg")));
        assertTrue(Files.exists(out.resolve("valid/pillow/hopper.tif.jpg")));
        assertTrue(Files.exists(out.resolve("valid/pillow/hopper.webp.jpg")));

        // a rerun converts nothing again: existing outputs are skipped, not overwritten
        CliRun again = CliRun.run("convert", TestImages.ROOT.toString(), "-o", out.toString(), "--fit", "64x64",
                "--to", "jpg", "--json");
        long ok = lines(again).stream().filter(r -> r.get("status").asText().equals("ok")).count();
        long skipped = lines(again).stream().filter(r -> r.get("status").asText().equals("skipped")
                && !r.get("reason").asText().equals("not an image")).count();
        assertEquals(0, ok);
        assertEquals(records.stream().filter(r -> r.get("status").asText().equals("ok")).count(), skipped);
    }

    @Test
    void stdinToStdout() throws IOException {
        byte[] png = TestImages.bytes("valid/pngsuite/basn6a08.png");
        CliRun run = CliRun.run(png, "convert", "-", "--to", "jpg", "--background", "black");
        assertEquals(0, run.exit(), run.stderr());
        ImageInfo info = Imbytes.info(run.stdout());
        assertEquals(Format.JPEG, info.format());
        assertEquals(32, info.width());
        assertEquals("", run.stderr(), "nothing on stderr for a good conversion");
        CliRun bad = CliRun.run(new byte[] {1, 2, 3}, "convert", "-", "--to", "png");
        assertEquals(1, bad.exit());
        assertEquals(0, bad.stdout().length, "no bytes on stdout for a failed input");
        assertTrue(bad.stderr().contains("UnsupportedFormatException"), bad.stderr());
    }

    @Test
    void singleFileRefusesToOverwriteUnlessAsked(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in.png");
        Files.write(in, TestImages.bytes("valid/pngsuite/basn2c08.png"));
        Path out = tmp.resolve("out.jpg");
        Files.write(out, new byte[] {42});
        CliRun skipped = CliRun.run("convert", in.toString(), "-o", out.toString(), "--json");
        assertEquals(0, skipped.exit());
        assertEquals("skipped", lines(skipped).get(0).get("status").asText());
        assertArrayEquals(new byte[] {42}, Files.readAllBytes(out), "existing output untouched");
        CliRun replaced = CliRun.run("convert", in.toString(), "-o", out.toString(), "--overwrite", "--quality", "80");
        assertEquals(0, replaced.exit(), replaced.stderr());
        assertEquals(Format.JPEG, Imbytes.info(Files.readAllBytes(out)).format());
        // the output equal to the input is refused, and the input is untouched
        byte[] before = Files.readAllBytes(in);
        CliRun same = CliRun.run("convert", in.toString(), "-o", in.toString(), "--overwrite");
        assertEquals(2, same.exit(), "a usage error (issue 12): " + same.stderr());
        assertArrayEquals(before, Files.readAllBytes(in));
        // --to without -o writes beside the input
        CliRun beside = CliRun.run("convert", in.toString(), "--to", "webp", "--lossless");
        assertEquals(0, beside.exit(), beside.stderr());
        assertEquals(Format.WEBP, Imbytes.info(Files.readAllBytes(tmp.resolve("in.webp"))).format());
    }

    @Test
    void aDeviceOrPipeOutputIsWrittenIntoNotReplaced(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is available");
        byte[][] received = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                received[0] = Files.readAllBytes(fifo);
            } catch (IOException e) {
                received[0] = new byte[0];
            }
        });
        reader.start();
        CliRun run = CliRun.run("convert", TestImages.fixture("valid/pillow/hopper.jpg").toString(), "-o",
                fifo.toString(), "--to", "png");
        reader.join(10_000);
        assertEquals(0, run.exit(), run.stderr());
        assertEquals(Format.PNG, Imbytes.info(received[0]).format());
        assertFalse(Files.isRegularFile(fifo), "the pipe is still a pipe");
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine(@TempDir Path tmp) {
        String file = TestImages.fixture("valid/pillow/hopper.jpg").toString();
        String[][] bad = {
            {"convert", file, "-o", tmp.resolve("a.jpg").toString(), "--fit", "0x5"},
            {"convert", file, "-o", tmp.resolve("a.jpg").toString(), "--fit", "axb"},
            {"convert", file, "--to", "xyz"},
            {"convert", file, "--bogus"},
            {"convert", tmp.resolve("missing.jpg").toString(), "--to", "png"},
            {"convert", file, "--fit", "5x5", "--exact", "5x5", "--to", "png"},
            {"convert", file, "--to", "png", "--quality", "50"},
            {"convert", file, "--to", "jpg", "--quality", "101"},
            {"convert", file, "--to", "jpg", "--subsampling", "423"},
            {"convert", file, "--to", "jpg", "--background", "nope"},
            {"convert", file, "--to", "jpg", "--threads", "0"},
            {"convert", TestImages.ROOT.toString(), "--to", "jpg"},
            {"frobnicate"},
            {},
        };
        for (String[] args : bad) {
            CliRun run = CliRun.run(args);
            assertEquals(2, run.exit(), String.join(" ", args) + " → " + run.stderr());
            assertTrue(run.stderr().startsWith("imbytes: "), run.stderr());
            assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
            assertTrue(run.stderr().lines().count() <= 2, run.stderr());
        }
    }

    @Test
    void versionAndHelp() {
        CliRun v = CliRun.run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().contains("OpenCV 4.9.0") && v.out().contains("JPEG codec"), v.out());
        CliRun h = CliRun.run("convert", "--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().contains("--fit") && h.out().contains("--no-upscale"), h.out());
    }

    @Test
    void aFailureInTheMiddleOfAWriteLeavesNoFileUnderTheFinalName(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("nested/out.png");
        AtomicFiles failing = new AtomicFiles((temp, real) -> new java.io.FilterOutputStream(real) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                real.write(b, off, len / 2);
                real.flush();
                assertTrue(Files.size(temp) > 0, "half the bytes are in the temporary");
                throw new IOException("disk full (injected)");
            }
        });
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        Main.Streams io = new Main.Streams(new java.io.ByteArrayInputStream(new byte[0]), new PrintStream(json, true),
                new PrintStream(new ByteArrayOutputStream(), true));
        ConvertCommand command = new ConvertCommand(io, failing, false);
        int exit = new picocli.CommandLine(command).execute(TestImages.fixture("valid/pillow/hopper.jpg").toString(),
                "-o", out.toString(), "--to", "png", "--json");
        assertEquals(1, exit);
        assertTrue(json.toString().contains("disk full (injected)"), json.toString());
        assertFalse(Files.exists(out), "nothing under the final name");
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertEquals(0, files.count(), "the temporary was removed");
        }
    }

    @Test
    void leftoverTemporariesFromAKilledRunAreCleanedUp(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.write(in.resolve("a.png"), TestImages.bytes("valid/pngsuite/basn2c08.png"));
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        // A killed run's leftover carries a seal that proves imbytes made it in this folder ...
        Path stale = new AtomicFiles().createTemporary(out);
        Files.write(stale, new byte[] {1, 2});
        // ... a user's file that merely contains the marker does not, and is never touched.
        Path userFile = out.resolve(".a.jpg" + AtomicFiles.TEMP_MARK + "123.tmp");
        Files.write(userFile, new byte[] {1, 2});
        CliRun run = CliRun.run("convert", in.toString(), "-o", out.toString(), "--to", "jpg");
        assertEquals(0, run.exit(), run.stderr());
        assertFalse(Files.exists(stale));
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(userFile));
        assertTrue(Files.exists(out.resolve("a.jpg")));
        assertTrue(run.stderr().contains("1 ok, 0 failed, 0 skipped"), run.stderr());
    }

    @Test
    void infoJsonMatchesTheIndex() throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("info", "--json"));
        for (TestImages.Row row : TestImages.rows()) {
            args.add(row.file().toString());
        }
        CliRun run = CliRun.run(args.toArray(new String[0]));
        assertEquals(1, run.exit(), "some files are unreadable");
        List<JsonNode> records = lines(run);
        assertEquals(TestImages.rows().size(), records.size());
        for (int i = 0; i < records.size(); i++) {
            TestImages.Row row = TestImages.rows().get(i);
            JsonNode r = records.get(i);
            if (row.format().isEmpty()) {
                assertTrue(r.has("error"), row.path());
                continue;
            }
            if (!row.hasSize()) {
                continue;
            }
            assertEquals(row.format().orElseThrow().id(), r.get("format").asText(), row.path());
            assertEquals(row.w(), r.get("width").asInt(), row.path());
            assertEquals(row.h(), r.get("height").asInt(), row.path());
            if (row.channels().isPresent()) {
                assertEquals(row.channels().getAsInt(), r.get("channels").asInt(), row.path());
            }
            if (row.bitDepth().isPresent()) {
                assertEquals(row.bitDepth().getAsInt(), r.get("depth").asInt(), row.path());
            }
            if (row.orientation().isEmpty()) {
                assertTrue(r.get("orientation").isNull(), row.path());
            } else {
                assertEquals(row.orientation().getAsInt(), r.get("orientation").asInt(), row.path());
            }
            assertEquals(Files.size(row.file()), r.get("bytes").asLong());
        }
        CliRun table = CliRun.run("info", TestImages.fixture("valid/pillow/hopper.jpg").toString());
        assertEquals(0, table.exit());
        assertTrue(table.out().contains("jpeg") && table.out().contains("128"), table.out());
    }
}
