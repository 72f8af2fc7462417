package dev.imbytes.cli.files;

import dev.imbytes.Format;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every output name of a folder batch, decided before anything is written: a pure function of the
 * input list (no file system access), so that no two inputs ever share an output and no output is
 * ever one of the inputs.
 *
 * <p>The rules, in order:
 * <ol>
 *   <li>Each input's output mirrors its place under the input folder, with the extension replaced
 *       by the target format's (kept when it already is one of that format's).</li>
 *   <li>When several inputs would land on one name (photo.tif and photo.webp → photo.jpg), those
 *       whose name changed keep their old extension in it (photo.tif.jpg, photo.webp.jpg).</li>
 *   <li>An output that would still be shared goes to the input whose name it already is, else to
 *       the first input in sorted order; every other input gets an error record.</li>
 *   <li>An output that is one of the inputs (the output folder is the input folder or holds it)
 *       is an error record, even with {@code --overwrite}.</li>
 * </ol>
 * Names are compared by {@link FileNames#collisionKey}: ignoring case everywhere, byte-exact for
 * names that are not valid UTF-8.
 */
public final class OutputPlan {
    /** Where one input goes: an output path, or why it has none. */
    public record Planned(Path output, String refusal) {
    }

    private OutputPlan() {
    }

    /** The plan for {@code inputs} (all below {@code inRoot}), in their order. */
    public static Map<Path, Planned> plan(Path inRoot, Path outRoot, List<Path> inputs, Format target) {
        Map<Path, Path> candidate = new LinkedHashMap<>();
        for (Path in : inputs) {
            candidate.put(in, mirrored(inRoot, outRoot, in, renamed(FileNames.rawName(in), target)));
        }
        Map<String, Integer> uses = count(candidate.values());
        for (Path in : inputs) {
            Path out = candidate.get(in);
            String name = FileNames.rawName(in);
            if (target != null && uses.get(FileNames.collisionKey(out)) > 1 && !FileNames.rawName(out).equals(name)) {
                candidate.put(in, FileNames.sibling(out, name + target.extension()));
            }
        }
        Set<String> inputKeys = new HashSet<>();
        for (Path in : inputs) {
            inputKeys.add(FileNames.collisionKey(in));
        }
        Map<String, Path> owner = owners(candidate);
        Map<Path, Planned> plan = new LinkedHashMap<>();
        for (Path in : inputs) {
            Path out = candidate.get(in);
            String key = FileNames.collisionKey(out);
            Path winner = owner.get(key);
            if (inputKeys.contains(key)) {
                plan.put(in, new Planned(out, "the output " + FileNames.display(out)
                        + " would replace an input; refusing (choose an output folder outside the inputs or another --to)"));
            } else if (!winner.equals(in)) {
                boolean caseOnly = !FileNames.rawName(candidate.get(winner)).equals(FileNames.rawName(out));
                plan.put(in, new Planned(out, "the output name " + FileNames.display(out) + " is taken by "
                        + FileNames.display(winner) + (caseOnly ? " (names that differ only in case count as the same)" : "")));
            } else {
                plan.put(in, new Planned(out, null));
            }
        }
        return plan;
    }

    /** For each output key, the input that gets it: the one already called so, else the first. */
    private static Map<String, Path> owners(Map<Path, Path> candidate) {
        Map<String, Path> owner = new HashMap<>();
        List<Path> sameName = new ArrayList<>();
        for (Map.Entry<Path, Path> e : candidate.entrySet()) {
            if (FileNames.rawName(e.getKey()).equals(FileNames.rawName(e.getValue()))) {
                sameName.add(e.getKey());
            }
        }
        for (Path in : sameName) {
            owner.putIfAbsent(FileNames.collisionKey(candidate.get(in)), in);
        }
        for (Path in : candidate.keySet()) {
            owner.putIfAbsent(FileNames.collisionKey(candidate.get(in)), in);
        }
        return owner;
    }

    private static Map<String, Integer> count(Iterable<Path> outputs) {
        Map<String, Integer> uses = new HashMap<>();
        for (Path out : outputs) {
            uses.merge(FileNames.collisionKey(out), 1, Integer::sum);
        }
        return uses;
    }

    /** {@code in}'s place under {@code outRoot}, called {@code rawName}. */
    private static Path mirrored(Path inRoot, Path outRoot, Path in, String rawName) {
        return FileNames.sibling(outRoot.resolve(inRoot.relativize(in)), rawName);
    }

    /**
     * {@code name} with its extension replaced by the target format's (kept when it already is one of
     * its); a null target keeps the name. Works on raw (percent-encoded) and decoded names alike,
     * because extensions are ASCII.
     */
    public static String renamed(String name, Format target) {
        if (target == null) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot).toLowerCase(Locale.ROOT) : "";
        return target.extensions().contains(ext) ? name : base + target.extension();
    }
}
