package dev.imbytes.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.imbytes.ConversionResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** One input's outcome: a JSON Lines record and a line of the summary. */
final class Outcome {
    // Non-ASCII characters are written as JSON escapes: the records are then the same bytes in every
    // locale, where stdout's charset would otherwise turn them into '?'.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    enum Status { OK, ERROR, SKIPPED }

    final String input;
    final String output;
    final Status status;
    final ConversionResult result;
    final String errorType;
    final String errorMessage;
    final long bytesIn;
    final long millis;
    // What the header said, when a failure came after it was read.
    final String format;
    final int width;
    final int height;

    private Outcome(String input, String output, Status status, ConversionResult result, String errorType,
                   String errorMessage, long bytesIn, long millis, String format, int width, int height) {
        this.input = input;
        this.output = output;
        this.status = status;
        this.result = result;
        this.errorType = errorType;
        this.errorMessage = errorMessage;
        this.bytesIn = bytesIn;
        this.millis = millis;
        this.format = format;
        this.width = width;
        this.height = height;
    }

    static Outcome ok(String input, String output, ConversionResult r, long bytesIn, long millis) {
        return new Outcome(input, output, Status.OK, r, null, null, bytesIn, millis,
                r.inputFormat().id(), r.inputWidth(), r.inputHeight());
    }

    static Outcome skipped(String input, String output, String why, long bytesIn) {
        return new Outcome(input, output, Status.SKIPPED, null, null, why, bytesIn, 0, null, 0, 0);
    }

    static Outcome error(String input, String output, Throwable e, long bytesIn, long millis, dev.imbytes.ImageInfo info) {
        return error(input, output, e, UserMessages.describe(e), bytesIn, millis, info);
    }

    /** An error record whose message is already worded for the command line ({@link UserMessages}). */
    static Outcome error(String input, String output, Throwable e, String message, long bytesIn, long millis,
                         dev.imbytes.ImageInfo info) {
        return new Outcome(input, output, Status.ERROR, null, e.getClass().getSimpleName(), Main.oneLine(message), bytesIn,
                millis, info == null ? null : info.format().id(), info == null ? 0 : info.width(),
                info == null ? 0 : info.height());
    }

    /** The line stderr gets for this record: failures and skips name the input and the reason. */
    String stderrLine() {
        return status == Status.ERROR ? "imbytes: " + input + ": " + errorType + ": " + errorMessage
                : "imbytes: " + input + ": skipped, " + errorMessage;
    }

    /** One stderr line per warning of a converted input, e.g. metadata dropped; none otherwise. */
    java.util.List<String> warningLines() {
        return result == null ? java.util.List.of()
                : result.warnings().stream().map(w -> "imbytes: " + input + ": warning: " + w).toList();
    }

    long bytesOut() {
        return result == null ? 0 : result.bytes().length;
    }

    /** The JSON Lines object: keys in the documented order; {@code error} only for errors. */
    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input);
        m.put("output", output);
        m.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        m.put("format", format);
        m.put("width", format == null ? null : width);
        m.put("height", format == null ? null : height);
        m.put("outFormat", result == null ? null : result.outputFormat().id());
        m.put("outWidth", result == null ? null : result.outputWidth());
        m.put("outHeight", result == null ? null : result.outputHeight());
        m.put("bytesIn", bytesIn);
        m.put("bytesOut", bytesOut());
        m.put("millis", millis);
        if (result != null && !result.warnings().isEmpty()) {
            m.put("warnings", result.warnings());
        }
        if (status == Status.ERROR) {
            m.put("error", Map.of("type", errorType, "message", errorMessage));
        } else if (status == Status.SKIPPED) {
            m.put("reason", errorMessage);
        }
        return json(m);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
