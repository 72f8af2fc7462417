package dev.imbytes.cli;

import dev.imbytes.ImageInfo;
import dev.imbytes.Imbytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
            "Width x height are as stored, before orientation; nothing is decoded."},
        footer = {"", "Examples:", "  imbytes info photo.jpg", "  imbytes info images/*.png --json"})
final class InfoCommand implements Callable<Integer> {

    /** Only the header is read: this much of each file is enough for every format we probe. */
    private static final int HEADER_BYTES = 16 * 1024 * 1024;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files.")
    List<Path> paths;

    @Option(names = "--json", description = "One JSON object per file (JSON Lines).")
    boolean json;

    private final Main.Streams io;

    InfoCommand(Main.Streams io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        int failed = 0;
        if (!json) {
            io.out().printf(Locale.ROOT, "%-6s %7s %7s %3s %5s %5s %12s  %s%n", "FORMAT", "WIDTH", "HEIGHT", "CH", "DEPTH",
                    "ORIENT", "BYTES", "PATH");
        }
        for (Path p : paths) {
            try {
                ImageInfo i = Imbytes.info(head(p));
                long size = Files.size(p);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", p.toString());
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
                            size, p);
                }
            } catch (IOException | RuntimeException e) {
                failed++;
                String message = Main.oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", p.toString());
                    m.put("error", Map.of("type", e.getClass().getSimpleName(), "message", message));
                    io.out().println(Outcome.json(m));
                } else {
                    io.err().println("imbytes: " + p + ": " + e.getClass().getSimpleName() + ": " + message);
                }
            }
        }
        return io.exitAfterOutput(failed > 0 ? Main.FAILED : Main.OK);
    }

    /** The first bytes of the file: headers (with EXIF) live at the start, so a 100 MB TIFF is not read whole. */
    private static byte[] head(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(HEADER_BYTES);
        }
    }
}
