package dev.imbytes.cli;

import dev.imbytes.ImageInfo;
import dev.imbytes.cli.files.FileNames;
import dev.imbytes.cli.files.InputList;
import dev.imbytes.Imbytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code imbytes info}: what each file's header says (format, stored size, channels, depth,
 * EXIF orientation, bytes), read in plain Java without decoding.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show each file's format, size, channels, depth and EXIF orientation (header only).",
            "Width x height are as stored, before orientation; nothing is decoded.",
            "A folder is searched recursively and its files picked by content, as convert picks them."},
        footer = {"", "Examples:", "  imbytes info photo.jpg", "  imbytes info images/*.png --json"})
final class InfoCommand implements Callable<Integer> {

    /** Only the header is read: this much of each file is enough for every format we probe. */
    private static final int HEADER_BYTES = 16 * 1024 * 1024;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files or folders.")
    List<Path> paths;

    @Option(names = "--json", description = "One JSON object per file (JSON Lines).")
    boolean json;

    private final Main.Streams io;

    InfoCommand(Main.Streams io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        List<String> missing = paths.stream().filter(p -> !Files.exists(p)).map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new Main.UsageException("input not found: " + String.join(", ", missing));
        }
        int failed = 0;
        if (!json) {
            io.out().printf(Locale.ROOT, "%-6s %7s %7s %3s %5s %5s %12s  %s%n", "FORMAT", "WIDTH", "HEIGHT", "CH", "DEPTH",
                    "ORIENT", "BYTES", "PATH");
        }
        for (InputList.Entry entry : entries()) {
            Path p = entry.file();
            if (!entry.isInput()) {
                if (json) { // text mode lists images only; JSON accounts for every file
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", FileNames.display(p));
                    m.put("skipped", entry.skipReason());
                    io.out().println(Outcome.json(m));
                }
                continue;
            }
            try {
                ImageInfo i = Imbytes.info(head(p));
                long size = Files.size(p);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", FileNames.display(p));
                    m.put("format", i.format().id());
                    m.put("width", i.width());
                    m.put("height", i.height());
                    m.put("channels", i.channels());
                    m.put("depth", i.bitDepth());
                    m.put("orientation", i.exifOrientation().isPresent() ? i.exifOrientation().getAsInt() : null);
                    m.put("bytes", size);
                    io.out().println(Outcome.json(m));
                } else {
                    io.out().printf(Locale.ROOT, "%-6s %7d %7d %3d %5d %5s %12d  %s%n", i.format().id(), i.width(),
                            i.height(), i.channels(), i.bitDepth(),
                            i.exifOrientation().isPresent() ? String.valueOf(i.exifOrientation().getAsInt()) : "-",
                            size, FileNames.display(p));
                }
            } catch (IOException | RuntimeException e) {
                failed++;
                String message = UserMessages.describe(e);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", FileNames.display(p));
                    m.put("error", Map.of("type", e.getClass().getSimpleName(), "message", message));
                    io.out().println(Outcome.json(m));
                } else {
                    io.err().println("imbytes: " + FileNames.display(p) + ": " + e.getClass().getSimpleName() + ": " + message);
                }
            }
        }
        return io.exitAfterOutput(failed > 0 ? Main.FAILED : Main.OK);
    }

    /** The named files, and every entry below each named folder (as {@code convert} lists a folder). */
    private List<InputList.Entry> entries() throws IOException {
        List<InputList.Entry> all = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                all.addAll(InputList.entries(p, p));
            } else {
                all.add(new InputList.Entry(p, null)); // named by the user: tried whatever it holds
            }
        }
        return all;
    }

    /** The first bytes of the file: headers (with EXIF) live at the start, so a 100 MB TIFF is not read whole. */
    private static byte[] head(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(HEADER_BYTES);
        }
    }
}
