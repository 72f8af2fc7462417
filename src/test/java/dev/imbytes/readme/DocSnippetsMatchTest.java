package dev.imbytes.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md and docs/*.md is a region of a compiled test source, and
 * every region appears in a doc. A block's {@code import} lines must be imports of the region's
 * file (they cannot sit inside a method), and every type the file imports and the block names must
 * be imported by the block (so it compiles as shown); the rest must equal the region, compared line by line
 * after trimming and collapsing runs of spaces (indentation differs: the region sits in a method).
 */
class DocSnippetsMatchTest {
    private static final String START = "// README:";
    private static final String END = "// END";

    /** One {@code ```java} block of a doc, split into its imports and its statements. */
    private record Block(String where, List<String> imports, String body) {
    }

    /** One region of a test source, with the imports of its file. */
    private record Region(String where, List<String> fileImports, String body) {
    }

    @Test
    void everyDocBlockIsACompiledRegionAndEveryRegionIsInADoc() throws IOException {
        List<Block> blocks = docBlocks();
        List<Region> regions = regions();
        assertFalse(blocks.isEmpty(), "no ```java block found in README.md or docs/");
        List<String> problems = new ArrayList<>();
        for (Block block : blocks) {
            List<Region> same = regions.stream().filter(r -> r.body().equals(block.body())).toList();
            if (same.isEmpty()) {
                problems.add(block.where() + ": no test-source region holds this block:\n" + block.body());
                continue;
            }
            for (String imp : block.imports()) {
                if (same.stream().noneMatch(r -> r.fileImports().contains(imp) || coversAny(imp, r.fileImports()))) {
                    problems.add(block.where() + ": \"" + imp + "\" is not an import of " + same.get(0).where());
                }
            }
            // The other direction: a type the region's file imports and the block names must be
            // imported by the block too, or the block as shown does not compile.
            for (Region region : same) {
                for (String imp : region.fileImports()) {
                    if (imp.endsWith(".*;")) {
                        problems.add(region.where() + ": \"" + imp + "\" hides which types the block needs; import them one by one");
                    } else if (namesType(block.body(), imp) && !covered(imp, block.imports())) {
                        problems.add(block.where() + ": the block uses " + simpleName(imp) + " but lacks \"" + imp + "\"");
                    }
                }
            }
        }
        for (Region region : regions) {
            if (blocks.stream().noneMatch(b -> b.body().equals(region.body()))) {
                problems.add(region.where() + ": region appears in no doc block:\n" + region.body());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n\n", problems));
    }

    @Test
    void theComparisonSeesAChangedWordAndIgnoresComments() {
        // Guards the normaliser (indentation is ignored, a different token is not) and the comment
        // stripper the import check relies on (a type named only in a comment needs no import).
        assertEquals(normalise(List.of("    int  a = 1;", "", "b();")), normalise(List.of("int a = 1;", "b();")));
        assertFalse(normalise(List.of("int a = 1;")).equals(normalise(List.of("int a = 2;"))));
        assertEquals("load(\"s3a://x\"); \nf(Mat m);", withoutLineComments("load(\"s3a://x\"); // Mat\nf(Mat m);"));
    }

    /** Whether {@code imports} hold {@code single} itself or its package's wildcard import. */
    private static boolean covered(String single, List<String> imports) {
        String pkg = single.substring(0, single.lastIndexOf('.'));
        return imports.contains(single) || imports.contains(pkg + ".*;");
    }

    /** Whether a wildcard import names the package of at least one of {@code singles}. */
    private static boolean coversAny(String wildcard, List<String> singles) {
        return wildcard.endsWith(".*;") && singles.stream().anyMatch(s -> covered(s, List.of(wildcard)));
    }

    private static String simpleName(String single) {
        return single.substring(single.lastIndexOf('.') + 1, single.length() - 1);
    }

    /** Whether the block's code (its comments left out) names the imported type as a whole word. */
    private static boolean namesType(String body, String single) {
        return Pattern.compile("\\b" + Pattern.quote(simpleName(single)) + "\\b").matcher(withoutLineComments(body)).find();
    }

    /** The text without {@code //} comments; a {@code //} inside a string literal stays. */
    static String withoutLineComments(String body) {
        StringBuilder code = new StringBuilder();
        boolean inString = false;
        boolean inComment = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n') {
                inComment = false;
            } else if (inComment) {
                continue;
            } else if (!inString && c == '/' && i + 1 < body.length() && body.charAt(i + 1) == '/') {
                inComment = true;
                continue;
            } else if (c == '"' && (i == 0 || body.charAt(i - 1) != '\\')) {
                inString = !inString;
            }
            code.append(c);
        }
        return code.toString();
    }

    private static List<Block> docBlocks() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<Block> blocks = new ArrayList<>();
        for (Path doc : docs) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).trim().equals("```java")) {
                    continue;
                }
                int first = i + 1;
                int end = first;
                while (end < lines.size() && !lines.get(end).trim().equals("```")) {
                    end++;
                }
                List<String> text = lines.subList(first, end);
                List<String> imports = text.stream().map(String::trim).filter(l -> l.startsWith("import ")).toList();
                List<String> body = text.stream().filter(l -> !l.trim().startsWith("import ")).toList();
                blocks.add(new Block(doc + ":" + (i + 1), imports, normalise(body)));
                i = end;
            }
        }
        return blocks;
    }

    private static List<Region> regions() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("DocSnippetsMatchTest.java"))
                    .sorted().toList();
        }
        List<Region> regions = new ArrayList<>();
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            List<String> imports = lines.stream().map(String::trim).filter(l -> l.startsWith("import ")).toList();
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).trim().startsWith(START)) {
                    continue;
                }
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).trim().equals(END)) {
                    end++;
                }
                assertTrue(end < lines.size(), source + ":" + (i + 1) + ": region has no " + END + " line");
                String name = lines.get(i).trim().substring(START.length()).trim();
                regions.add(new Region(source + ":" + (i + 1) + " (" + name + ")", imports,
                        normalise(lines.subList(i + 1, end))));
                i = end;
            }
        }
        return regions;
    }

    private static String normalise(List<String> lines) {
        return lines.stream().map(l -> l.trim().replaceAll("\\s+", " "))
                .filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
