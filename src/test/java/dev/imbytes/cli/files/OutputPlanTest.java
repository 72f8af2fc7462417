package dev.imbytes.cli.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.Format;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The output plan as a pure function of the input list: none of these paths exists. */
class OutputPlanTest {
    private static final Path IN = Path.of("/nonexistent/imbytes-plan/in");
    private static final Path OUT = Path.of("/nonexistent/imbytes-plan/out");

    private static Map<Path, OutputPlan.Planned> plan(Path outRoot, Format target, String... rawNames) {
        List<Path> inputs = new ArrayList<>();
        for (String n : rawNames) {
            inputs.add(FileNames.child(IN, n));
        }
        inputs.sort(null);
        return OutputPlan.plan(IN, outRoot, inputs, target);
    }

    private static String outName(OutputPlan.Planned p) {
        assertNull(p.refusal(), p.toString());
        return FileNames.rawName(p.output());
    }

    @Test
    void threeNamesThatMeetGetTwoOutputsAndOneRefusal() {
        Map<Path, OutputPlan.Planned> p = plan(OUT, Format.JPEG, "a.jpg", "a.png", "a.png.jpg");
        assertEquals("a.jpg", outName(p.get(FileNames.child(IN, "a.jpg"))));
        assertEquals("a.png.jpg", outName(p.get(FileNames.child(IN, "a.png.jpg"))), "the input already called so keeps it");
        assertTrue(p.get(FileNames.child(IN, "a.png")).refusal().contains("is taken by"), p.toString());
    }

    @Test
    void changedExtensionsKeepTheOldOneWhenTheyMeet() {
        Map<Path, OutputPlan.Planned> p = plan(OUT, Format.JPEG, "photo.tif", "photo.webp");
        assertEquals("photo.tif.jpg", outName(p.get(FileNames.child(IN, "photo.tif"))));
        assertEquals("photo.webp.jpg", outName(p.get(FileNames.child(IN, "photo.webp"))));
    }

    @Test
    void namesThatDifferOnlyInCaseCollideOnEveryPlatform() {
        Map<Path, OutputPlan.Planned> p = plan(OUT, Format.JPEG, "A.jpg", "a.jpg");
        assertEquals("A.jpg", outName(p.get(FileNames.child(IN, "A.jpg"))), "the first in sorted order");
        assertTrue(p.get(FileNames.child(IN, "a.jpg")).refusal().contains("differ only in case"), p.toString());
        Map<Path, OutputPlan.Planned> accents = plan(OUT, Format.PNG, "%C3%89.jpg", "%C3%A9.jpg"); // É, é
        assertTrue(accents.values().stream().anyMatch(x -> x.refusal() != null), accents.toString());
    }

    @Test
    void invalidUtf8NamesStayByteExactAndNeverMerge() {
        Map<Path, OutputPlan.Planned> p = plan(OUT, Format.JPEG, "x%FF.png", "x%FE.png");
        assertEquals("x%FF.jpg", outName(p.get(FileNames.child(IN, "x%FF.png"))));
        assertEquals("x%FE.jpg", outName(p.get(FileNames.child(IN, "x%FE.png"))));
        assertNotEquals(FileNames.collisionKey(FileNames.child(OUT, "x%FF.jpg")),
                FileNames.collisionKey(FileNames.child(OUT, "x%FE.jpg")));
    }

    @Test
    void anOutputThatIsAnInputIsRefusedInAnyCase() {
        Map<Path, OutputPlan.Planned> same = plan(IN, Format.PNG, "a.jpg", "B.png", "b.JPG");
        assertEquals("a.png", outName(same.get(FileNames.child(IN, "a.jpg"))));
        assertTrue(same.get(FileNames.child(IN, "B.png")).refusal().contains("would replace an input"));
        // b.JPG → b.png meets B.png (an input) ignoring case → b.JPG.png
        assertEquals("b.JPG.png", outName(same.get(FileNames.child(IN, "b.JPG"))));
    }

    @Test
    void rawNamesRoundTripThroughTheUriForm() {
        for (String raw : List.of("x%FF.png", "%C3%A9.png", "a%20b.png", "%25.png", "plain.png")) {
            Path p = FileNames.child(IN, raw);
            assertEquals(raw, FileNames.rawName(p));
            assertEquals(p, FileNames.sibling(p, FileNames.rawName(p)));
        }
    }
}
