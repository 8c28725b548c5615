package dev.sequent.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public or protected element of every module's main sources has a doc comment (issue 7:
 * "javadoc for the public API, every default named"). Runs the JDK's documentation tool with
 * {@code -Xdoclint:missing} over the {@code src/main/java} of every {@code sequent-*} module
 * (sequent-fuzz excluded: fuzzing harnesses, no API) and fails listing each "no comment" and
 * "use of default constructor" warning by file and line. Missing {@code @param}, {@code @return}
 * and {@code @throws} tags are not required: the sentence usually says it better. Source errors are ignored ({@code --ignore-source-errors}) because this module's
 * class path does not hold every module's third-party dependencies (jhdf, for one); each module's
 * own build compiles its sources.
 */
class JavadocCoverageTest {
    /** The documentation tool's messages for the two warnings this test counts, in English. */
    private static final List<String> MISSING = List.of("no comment", "use of default constructor");

    @TempDir
    Path out;

    /** The repository root: the first folder up from the working directory holding README.md and pom.xml. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return null;
    }

    /** The main Java sources of every {@code sequent-*} module except sequent-fuzz, sorted. */
    static List<Path> mainSources(Path root) throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.sorted().toList()) {
                String name = module.getFileName().toString();
                Path main = module.resolve("src/main/java");
                if (!name.startsWith("sequent-") || name.equals("sequent-fuzz") || !Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(sources::add);
                }
            }
        }
        return sources;
    }

    @Test
    void everyPublicElementHasADocComment() throws IOException {
        Path root = root();
        Assumptions.assumeTrue(root != null, "no folder with README.md and pom.xml above " + Path.of("").toAbsolutePath());
        List<Path> sources = mainSources(root);
        assertFalse(sources.isEmpty(), "no sequent-*/src/main/java sources under " + root);

        DocumentationTool tool = ToolProvider.getSystemDocumentationTool();
        assertTrue(tool != null, "no documentation tool in this JDK (" + System.getProperty("java.home") + ")");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of(
                "-Xdoclint:missing", "-Xmaxwarns", "100000", "-Xmaxerrs", "100000", "--ignore-source-errors",
                "-quiet", "-notimestamp", "-noindex", "-notree", "-nohelp",
                "--add-modules", "jdk.incubator.vector",
                "-classpath", System.getProperty("java.class.path"), "-d", out.toString());
        StringWriter log = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager files = tool.getStandardFileManager(diagnostics, Locale.ENGLISH, StandardCharsets.UTF_8)) {
            DocumentationTool.DocumentationTask task = tool.getTask(
                    log, files, diagnostics, null, options, files.getJavaFileObjectsFromPaths(sources));
            task.setLocale(Locale.ENGLISH);
            ok = task.call();
        }
        assertTrue(ok, "the documentation tool failed on " + sources.size() + " files:\n" + log
                + diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .limit(20).map(d -> d.toString()).reduce("", (a, b) -> a + b + "\n"));

        List<Missing> missing = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            String message = d.getMessage(Locale.ENGLISH);
            if (d.getKind() != Diagnostic.Kind.WARNING || MISSING.stream().noneMatch(message::startsWith)) {
                continue;
            }
            Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
            missing.add(new Missing(file == null ? "?" : root.relativize(file).toString(), d.getLineNumber(),
                    message + ": " + sourceLine(file, d.getLineNumber())));
        }
        if (!missing.isEmpty()) {
            missing.sort(Comparator.comparing(Missing::file).thenComparingLong(Missing::line));
            fail(missing.size() + " public or protected elements without a doc comment (write one: what it is in "
                    + "Keras's terms, its default, what it returns and throws):\n  "
                    + String.join("\n  ", missing.stream().map(Missing::toString).toList()));
        }
    }

    /** One warning: the file relative to the root, its line, the message and the line's text. */
    private record Missing(String file, long line, String what) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + what;
        }
    }

    /** The stripped text of a line of a source file, to name the element a warning is about. */
    private static String sourceLine(Path file, long line) {
        if (file == null || line < 1) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return line <= lines.size() ? lines.get((int) line - 1).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
