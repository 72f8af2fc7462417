package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The jars {@code mvn package} builds, as a Maven user and a {@code java} user meet them: the
 * library jar's module name, the sources and javadoc jars, our LICENSE and NOTICE in each, a
 * NOTICE in the runnable jar that names everything it bundles, and the native-access warning of
 * Java 22+ (printed on a class path without the flag, never under {@code java -jar}).
 */
class ArtifactsIT {
    private static final Path BUILD = Path.of(System.getProperty("imbytes.build.dir", "target"));
    private static final String NAME = System.getProperty("imbytes.build.finalName", "imbytes-0.1.0-SNAPSHOT");
    private static final Path LIBRARY = BUILD.resolve(NAME + ".jar");
    private static final Path SOURCES = BUILD.resolve(NAME + "-sources.jar");
    private static final Path JAVADOC = BUILD.resolve(NAME + "-javadoc.jar");
    private static final Path RUNNABLE = BUILD.resolve("imbytes.jar");

    private static byte[] entry(JarFile jar, String name) throws IOException {
        JarEntry e = jar.getJarEntry(name);
        assertNotNull(e, jar.getName() + " has " + name);
        try (InputStream in = jar.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    private static List<String> names(JarFile jar) {
        return Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
    }

    /** Our LICENSE and the given NOTICE, byte for byte, under META-INF. */
    private static void assertOurLicence(JarFile jar, Path notice) throws IOException {
        assertArrayEquals(Files.readAllBytes(Path.of("LICENSE")), entry(jar, "META-INF/LICENSE"), jar.getName());
        assertArrayEquals(Files.readAllBytes(notice), entry(jar, "META-INF/NOTICE"), jar.getName());
    }

    @Test
    void theLibraryJarHasAModuleNameAndOurLicence() throws IOException {
        try (JarFile jar = new JarFile(LIBRARY.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.imbytes", main.getValue("Automatic-Module-Name"));
            assertEquals("true", main.getValue("Multi-Release"));
            assertOurLicence(jar, Path.of("NOTICE"));
            assertTrue(names(jar).contains("dev/imbytes/Imbytes.class"));
        }
    }

    @Test
    void theSourcesJarHoldsEverySourceAndOurLicence() throws IOException {
        try (JarFile jar = new JarFile(SOURCES.toFile())) {
            List<String> names = names(jar);
            for (String source : List.of("dev/imbytes/Imbytes.java", "dev/imbytes/spark/ImbytesSpark.java",
                    "dev/imbytes/internal/nativelib/NativeLibrary.java", "dev/imbytes/cli/Main.java")) {
                assertTrue(names.contains(source), source);
            }
            assertOurLicence(jar, Path.of("NOTICE"));
        }
    }

    @Test
    void theJavadocJarDocumentsThePublicPackagesOnly() throws IOException {
        try (JarFile jar = new JarFile(JAVADOC.toFile())) {
            List<String> names = names(jar);
            assertTrue(names.contains("dev/imbytes/Imbytes.html"), "dev.imbytes documented");
            assertTrue(names.contains("dev/imbytes/spark/ImbytesSpark.html"), "dev.imbytes.spark documented");
            List<String> hidden = names.stream()
                    .filter(n -> n.startsWith("dev/imbytes/internal/") || n.startsWith("dev/imbytes/cli/")).toList();
            assertEquals(List.of(), hidden, "no internal or CLI pages");
            String packages = new String(entry(jar, "element-list"), StandardCharsets.UTF_8);
            assertEquals(List.of("dev.imbytes", "dev.imbytes.spark"), packages.lines().sorted().toList());
            assertOurLicence(jar, Path.of("NOTICE"));
        }
    }

    /** Every artifact the runnable jar bundles is named in its NOTICE with the version bundled. */
    @Test
    void theRunnableJarCarriesOurLicenceAndANoticeOfWhatItBundles() throws IOException {
        try (JarFile jar = new JarFile(RUNNABLE.toFile())) {
            assertOurLicence(jar, Path.of("src/shade/NOTICE"));
            String notice = new String(entry(jar, "META-INF/NOTICE"), StandardCharsets.UTF_8);
            List<String> bundled = new ArrayList<>();
            for (String name : names(jar)) {
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    Properties p = new Properties();
                    p.load(new java.io.ByteArrayInputStream(entry(jar, name)));
                    if (!p.getProperty("groupId").equals("dev.imbytes")) {
                        bundled.add(p.getProperty("groupId") + ":" + p.getProperty("artifactId") + " " + p.getProperty("version"));
                    }
                }
            }
            assertTrue(bundled.size() >= 4, "OpenCV and Jackson carry pom.properties: " + bundled);
            for (String artifact : bundled) {
                assertTrue(notice.contains(artifact), "NOTICE names " + artifact);
            }
            // picocli's jar has no pom.properties: find it by its (relocated) classes.
            assertTrue(names(jar).contains("dev/imbytes/shaded/picocli/CommandLine.class"));
            assertTrue(notice.contains("info.picocli:picocli "), "NOTICE names picocli");
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.imbytes.cli.Main", main.getValue("Main-Class"));
            assertEquals("ALL-UNNAMED", main.getValue("Enable-Native-Access"));
        }
    }

    /**
     * The runnable jar is also the Spark application jar: its picocli and Jackson live under
     * {@code dev.imbytes.shaded}, so a cluster's own Jackson (another version on Spark 3.5) is never
     * shadowed by ours, not even by a multi-release variant under {@code META-INF/versions}, and our
     * classes call the relocated copies. The CLI on the relocated classes: {@code ImbytesJarIT}.
     */
    @Test
    void theRunnableJarRelocatesPicocliAndJackson() throws IOException {
        try (JarFile jar = new JarFile(RUNNABLE.toFile())) {
            List<String> unrelocated = names(jar).stream()
                    .filter(n -> n.endsWith(".class"))
                    .map(n -> n.replaceFirst("^META-INF/versions/\\d+/", ""))
                    .filter(n -> n.startsWith("com/fasterxml/") || n.startsWith("picocli/"))
                    .toList();
            assertEquals(List.of(), unrelocated);
            assertTrue(names(jar).contains("dev/imbytes/shaded/jackson/databind/ObjectMapper.class"));
            String main = new String(entry(jar, "dev/imbytes/cli/Main.class"), StandardCharsets.ISO_8859_1);
            assertTrue(main.contains("dev/imbytes/shaded/picocli/CommandLine"), "Main calls the relocated picocli");
            assertFalse(main.replace("dev/imbytes/shaded/picocli/", "").contains("picocli/"), "no reference to picocli/ left");
            String services = names(jar).stream().filter(n -> n.startsWith("META-INF/services/")).toList().toString();
            assertFalse(services.contains("com.fasterxml"), services);
        }
    }

    record Run(int exit, String stdout, String stderr) {
    }

    private static Run java(Path java, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("imbytes-java", ".out");
        Path err = Files.createTempFile("imbytes-java", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("did not finish: " + cmd);
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The JDK's feature version (25 for 25.0.3), from its {@code release} file. */
    private static int featureVersion(Path jdk) throws IOException {
        for (String line : Files.readAllLines(jdk.resolve("release"))) {
            if (line.startsWith("JAVA_VERSION=")) {
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                return Integer.parseInt(v.split("[.+-]")[0]);
            }
        }
        throw new AssertionError("no JAVA_VERSION in " + jdk.resolve("release"));
    }

    /**
     * What the README says about Java 22+: on a class path, loading OpenCV prints the JVM's
     * restricted-method warning unless {@code --enable-native-access=ALL-UNNAMED} is given; the
     * runnable jar's manifest attribute makes {@code java -jar} quiet.
     */
    @Test
    void nativeAccessOnJava22AndLater() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("imbytes.java22.home", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
        Assumptions.assumeTrue(Files.isExecutable(java), "no Java 22+ JDK at " + java + " (set -Djava22.home)");

        Run jar = java(java, "-jar", RUNNABLE.toString(), "--version");
        assertEquals(0, jar.exit(), jar.stderr());
        assertTrue(jar.stdout().contains("OpenCV 4.9.0"), jar.stdout());
        assertEquals("", jar.stderr(), "java -jar: no warning");

        // JNI loading (System.load) warns from Java 24 on (JEP 472); on 22 and 23 only the FFM binding can.
        Assumptions.assumeTrue(featureVersion(java.getParent().getParent()) >= 24, "the class-path warning needs Java 24+");
        Run classPath = java(java, "-cp", RUNNABLE.toString(), "dev.imbytes.cli.Main", "--version");
        assertEquals(0, classPath.exit(), classPath.stderr());
        assertTrue(classPath.stderr().contains("WARNING: java.lang.System::load has been called by dev.imbytes.internal.nativelib.NativeLibrary"),
                classPath.stderr());
        assertTrue(classPath.stderr().contains("--enable-native-access=ALL-UNNAMED"), classPath.stderr());

        Run flagged = java(java, "--enable-native-access=ALL-UNNAMED", "-cp", RUNNABLE.toString(), "dev.imbytes.cli.Main", "--version");
        assertEquals(0, flagged.exit(), flagged.stderr());
        assertEquals("", flagged.stderr(), "class path with the flag: no warning");
        assertFalse(flagged.stdout().isEmpty());
    }
}
