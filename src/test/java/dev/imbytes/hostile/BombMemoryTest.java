package dev.imbytes.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decompression bombs are refused with bounded memory: a child JVM with a 256 MB heap tries every
 * bomb (each would need from 268 MP, or from a 320 MB tile buffer for a 1x1 image, up) and
 * its peak resident memory stays under 400 MB.
 */
class BombMemoryTest {

    static final long MAX_PEAK_KB = 400 * 1024;

    @Test
    void everyBombIsRefusedWithinBoundedMemory() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs /proc/self/status (Linux)");
        Hostile.Child child = Hostile.runJava(List.of("-Xmx256m"), BombMain.class, 120);
        assertEquals(0, child.exit(), "child failed:\n" + child.stdout() + child.stderr());
        List<String> lines = child.stdout().lines().toList();
        System.out.println(String.join("\n", lines));
        assertTrue(lines.stream().filter(l -> l.startsWith("refused ")).count() >= 16, child.stdout());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("NOT REFUSED")), child.stdout());
        long peak = Long.parseLong(lines.get(lines.size() - 1).replace("VmHWM ", ""));
        assertTrue(peak > 0 && peak < MAX_PEAK_KB, "peak RSS " + peak + " kB");
        assertEquals("", child.stderr(), "nothing on stderr");
    }
}
