package dev.imbytes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imbytes.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    /** Runs the command as the CLI does (through Main, with its streams); returns {exit code, stdout, stderr}. */
    private static Object[] run(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "bench";
        System.arraycopy(args, 0, full, 1, args.length);
        CliRun r = CliRun.run(full);
        return new Object[] {r.exit(), r.out(), r.stderr()};
    }

    @Test
    void measuresTwoImagesAndPrintsJson(@TempDir Path dir) throws Exception {
        Files.copy(TestImages.fixture("orientation/exif-orientation-examples/Landscape_6.jpg"), dir.resolve("a.jpg"));
        Files.copy(TestImages.fixture("valid/pillow/hopper.jpg"), dir.resolve("b.JPG"));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Object[] r = run(dir.toString(), "--fit", "128x128", "--to", "jpg", "--quality", "85",
                "--seconds", "1", "--warmup", "0.2", "--threads", "2", "--json");
        assertEquals(0, r[0], r[2].toString());
        JsonNode j = new ObjectMapper().readTree(r[1].toString());
        for (String k : new String[] {"images", "seconds", "imagesPerSec", "mpPerSec", "p50Millis", "p99Millis",
                "peakRssMb", "threads", "jpegCodec", "cpuMillisPerImage", "workerCpuMillisPerImage"}) {
            assertTrue(j.has(k), k + " in " + j);
        }
        assertTrue(j.get("imagesPerSec").asDouble() > 0, j.toString());
        assertTrue(j.get("images").asInt() > 0);
        assertTrue(j.get("mpPerSec").asDouble() > 0);
        assertTrue(j.get("p99Millis").asDouble() >= j.get("p50Millis").asDouble());
        assertEquals(2, j.get("threads").asInt());
        assertTrue(j.get("seconds").asDouble() >= 1.0);
        assertTrue(j.get("jpegCodec").asText().length() > 0);
        double worker = j.get("workerCpuMillisPerImage").asDouble();
        assertTrue(worker > 0 && worker <= j.get("cpuMillisPerImage").asDouble() + 0.01,
                "the workers' CPU is part of the process's: " + j);
        assertTrue(r[2].toString().isEmpty(), "the .txt file is not even tried: " + r[2]);
    }

    @Test
    void textOutputAndErrors(@TempDir Path dir) throws Exception {
        Files.copy(TestImages.fixture("valid/pillow/hopper.jpg"), dir.resolve("b.jpg"));
        Object[] r = run(dir.toString(), "--exact", "64x64", "--seconds", "0.3", "--warmup", "0", "--threads", "1");
        assertEquals(0, r[0], r[2].toString());
        assertTrue(r[1].toString().contains("images/s"), r[1].toString());
        assertTrue(r[1].toString().contains("JPEG codec"), r[1].toString());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(1, run(empty.toString(), "--seconds", "0.1")[0]);
        assertEquals(2, run(dir.toString(), "--seconds", "0.1", "--threads", "0")[0]);
    }

    @Test
    void encodeOnlyTimesTheFrameEncoderOnDecodedAndResizedFrames(@TempDir Path dir) throws Exception {
        Files.copy(TestImages.fixture("valid/pillow/hopper.jpg"), dir.resolve("b.jpg"));
        Files.copy(TestImages.fixture("valid/sharp/grey-8bit-alpha.png"), dir.resolve("c.png"));
        Object[] r = run(dir.toString(), "--exact", "320x180", "--to", "jpg", "--quality", "80", "--encode-only",
                "--seconds", "0.5", "--warmup", "0.1", "--threads", "1");
        assertEquals(0, r[0], r[2].toString());
        String out = r[1].toString();
        assertTrue(out.startsWith("bench: 2 images, --to jpg --exact 320x180 --quality 80 --encode-only (decoded and "
                + "resized once; only the encoding timed); 1 thread;"), out);
        assertTrue(out.contains("JPEG codec " + dev.imbytes.Imbytes.jpegCodec() + "\n"), out);
        // 320x180 frames: the MP/s figure counts the frames' pixels, not the inputs'
        double imagesPerSec = Double.parseDouble(out.lines().filter(l -> l.startsWith("images/s")).findFirst()
                .orElseThrow().substring(8).trim());
        double mpPerSec = Double.parseDouble(out.lines().filter(l -> l.startsWith("input MP/s")).findFirst()
                .orElseThrow().substring(10).trim());
        assertEquals(imagesPerSec * 320 * 180 / 1e6, mpPerSec, mpPerSec * 0.02 + 0.01, out);

        Object[] png = run(dir.toString(), "--exact", "32x32", "--to", "png", "--encode-only", "--seconds", "0.1");
        assertEquals(2, png[0]);
        assertTrue(png[2].toString().contains("--encode-only times the JPEG frame encoder: add --to jpg"), png[2].toString());
    }

    @Test
    void decodeOnlyTimesTheDecoderAtThePlannedScale(@TempDir Path dir) throws Exception {
        Files.copy(TestImages.fixture("valid/pillow/hopper.jpg"), dir.resolve("b.jpg")); // 128x128
        Object[] decode = run(dir.toString(), "--decode-only", "--fit", "64x64", "--to", "jpg", "--seconds", "0.5",
                "--warmup", "0.1", "--threads", "1");
        assertEquals(0, decode[0], decode[2].toString());
        String out = decode[1].toString();
        assertTrue(out.startsWith("bench: 1 image, --to jpg --fit 64x64 --decode-only (planned once; only the decoder "
                + "timed, at the planned scale); 1 thread;"), out);
        assertTrue(out.contains("JPEG codec " + dev.imbytes.Imbytes.jpegCodec() + "\n"), out);
        // MP/s counts the input's pixels (not the 1/2-scale decode's), as a conversion's does, so the two compare
        assertEquals(number(out, "images/s") * 128 * 128 / 1e6, number(out, "input MP/s"),
                number(out, "input MP/s") * 0.02 + 0.01, out);

        Object[] both = run(dir.toString(), "--decode-only", "--encode-only", "--to", "jpg", "--seconds", "0.1");
        assertEquals(2, both[0]);
        assertTrue(both[2].toString().contains("--encode-only and --decode-only time different steps"), both[2].toString());
    }

    private static double number(String out, String label) {
        return Double.parseDouble(out.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow()
                .substring(label.length()).trim());
    }

    @Test
    void percentiles() {
        long[] s = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, BenchRun.percentile(s, 50));
        assertEquals(10, BenchRun.percentile(s, 99));
        assertEquals(1, BenchRun.percentile(new long[] {1}, 99));
    }
}
