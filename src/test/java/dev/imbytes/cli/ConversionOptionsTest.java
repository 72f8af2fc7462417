package dev.imbytes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.imbytes.ConversionSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI's picocli options and a spec string end in the same {@link ConversionSpec}. */
class ConversionOptionsTest {

    private static ConversionSpec fromCli(String spec) {
        ConversionOptions o = new ConversionOptions();
        new CommandLine(o).parseArgs(spec.split(" "));
        return o.toSpec();
    }

    @Test
    void everyFlagMeansTheSameInBothFrontEnds() {
        for (String spec : List.of(
                "--to jpg --fit 300x200 --no-upscale --quality 80 --progressive --subsampling 422 --background red",
                "--to webp --cover 64x64 --lossless --ignore-orientation --max-pixels 1000 --max-side 50 --max-bytes 99",
                "--to png --exact 10x20 --png-level 1 --allow jp2,ppm --allow pgm",
                "--width 640", "--height 480 --allow all", "--scale 0.25", "--to tif")) {
            assertEquals(ConversionSpec.parse(spec).toConversion().toString(), fromCli(spec).toConversion().toString(),
                    spec);
        }
    }

    @Test
    void badValuesFailInTheSameBuilder() {
        for (String spec : List.of("--to jpg --quality 101", "--fit 0x5", "--allow nope", "--no-upscale",
                "--quality 50", "--background plaid", "--max-side 0")) {
            String fromString = assertThrows(IllegalArgumentException.class,
                    () -> ConversionSpec.parse(spec).toConversion()).getMessage();
            String fromCli = assertThrows(IllegalArgumentException.class,
                    () -> fromCli(spec).toConversion()).getMessage();
            assertEquals(fromString, fromCli, spec);
        }
    }
}
