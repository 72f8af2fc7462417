package dev.imbytes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's flag tables against picocli's own model of the commands: every name of every option
 * of every command is in the right table, and every flag in a table is an option of its command.
 */
class CliReadmeTest {
    private static final String CONVERSION = "conversion flag (`convert`, `bench`)";
    private static final String EVERY_COMMAND = "flag of every command";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyOptionOfEveryCommandIsInTheReadmesTables() throws Exception {
        Map<String, Set<String>> tables = tables(Files.readString(Path.of("README.md")));
        CommandLine main = Main.commandLine(new Main.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.computeIfAbsent(EVERY_COMMAND, k -> new TreeSet<>()).addAll(names(main.getCommandSpec().options()));
        for (CommandLine sub : main.getSubcommands().values()) {
            String command = sub.getCommandName();
            if (command.equals("help")) {
                continue; // picocli's own "help COMMAND", no options of its own beyond --help
            }
            List<OptionSpec> conversion = new ArrayList<>();
            sub.getCommandSpec().mixins().values().forEach(m -> conversion.addAll(m.options()));
            for (OptionSpec o : sub.getCommandSpec().options()) {
                String table = o.usageHelp() || o.versionHelp() ? EVERY_COMMAND
                        : conversion.stream().anyMatch(c -> c.longestName().equals(o.longestName())) ? CONVERSION
                        : command + " flag";
                expected.computeIfAbsent(table, k -> new TreeSet<>()).addAll(List.of(o.names()));
            }
        }
        for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
            assertTrue(tables.containsKey(e.getKey()), "a README table headed \"" + e.getKey() + "\": " + tables.keySet());
            assertEquals(e.getValue(), tables.get(e.getKey()), "the README's \"" + e.getKey() + "\" table");
        }
    }

    private static List<String> names(List<OptionSpec> options) {
        List<String> names = new ArrayList<>();
        options.forEach(o -> names.addAll(List.of(o.names())));
        return names;
    }

    /** Each Markdown table's first header cell → the flags named in its rows' first cells. */
    static Map<String, Set<String>> tables(String markdown) {
        Map<String, Set<String>> tables = new LinkedHashMap<>();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (!lines.get(i).startsWith("|") || !lines.get(i + 1).startsWith("|---")) {
                continue;
            }
            Set<String> flags = new TreeSet<>();
            for (int row = i + 2; row < lines.size() && lines.get(row).startsWith("|"); row++) {
                Matcher m = CODE.matcher(firstCell(lines.get(row)));
                while (m.find()) {
                    for (String word : m.group(1).split("[ ,]+")) {
                        if (word.startsWith("-")) {
                            flags.add(word);
                        }
                    }
                }
            }
            tables.put(firstCell(lines.get(i)), flags);
        }
        return tables;
    }

    private static String firstCell(String row) {
        return row.substring(1, row.indexOf('|', 1)).trim();
    }
}
