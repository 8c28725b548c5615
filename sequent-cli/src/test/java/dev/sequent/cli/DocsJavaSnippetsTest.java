package dev.sequent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the Java code of the documentation against the real API: each page of
 * {@code docs/chapter/} and README's "Use it from Java" are one program whose {@code java} blocks,
 * in order, form one method body. A renamed method or a wrong argument type fails the build
 * instead of misleading a reader. The code is compiled, not run (it trains on the real data).
 */
class DocsJavaSnippetsTest {
    private static final List<String> IMPORTS = List.of(
            "dev.sequent.activations.*", "dev.sequent.callbacks.*", "dev.sequent.layers.*", "dev.sequent.losses.*",
            "dev.sequent.models.*", "dev.sequent.optimizers.*", "dev.sequent.tensor.*", "dev.sequent.text.*",
            "dev.sequent.data.*", "dev.sequent.data.timeseries.*", "java.nio.file.*", "java.util.*");

    @TempDir
    Path out;

    /** The repository root: the first folder up from the working directory with README.md and docs/chapter. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs/chapter"))) {
                return p;
            }
        }
        return null;
    }

    /** One {@code java} block: its lines and the line of the page where it starts. */
    record Block(List<String> lines, int firstLine) {
    }

    static List<Block> javaBlocks(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```java")) {
                int start = i + 1;
                int end = start;
                while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                    end++;
                }
                assertTrue(end < lines.size(), page + ": the java block at line " + (start) + " is never closed");
                blocks.add(new Block(lines.subList(start, end), start + 1));
                i = end;
            }
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> everyPageCompiles() throws IOException {
        Path root = root();
        Assumptions.assumeTrue(root != null, "no README.md with docs/chapter above " + Path.of("").toAbsolutePath());
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> chapter = Files.list(root.resolve("docs/chapter"))) {
            chapter.filter(p -> p.getFileName().toString().matches("6\\.\\d-.*\\.md")).sorted().forEach(pages::add);
        }
        assertEquals(5, pages.size(), "README and the four section pages: " + pages);
        return pages.stream().map(page -> DynamicTest.dynamicTest(root.relativize(page).toString(), () -> compile(page)));
    }

    private void compile(Path page) throws IOException {
        List<Block> blocks = javaBlocks(page);
        assertTrue(!blocks.isEmpty(), page + " has no java block");
        String className = "Page" + page.getFileName().toString().replaceAll("[^A-Za-z0-9]", "_");
        StringBuilder src = new StringBuilder("package docsnippets;\n");
        List<Integer> pageLine = new ArrayList<>();   // pageLine.get(n - 1): the page's line of generated line n
        pageLine.add(0);
        for (String imp : IMPORTS) {
            src.append("import ").append(imp).append(";\n");
            pageLine.add(0);
        }
        List<String> body = new ArrayList<>();
        List<Integer> bodyLines = new ArrayList<>();
        for (Block b : blocks) {
            for (int i = 0; i < b.lines().size(); i++) {
                String line = b.lines().get(i);
                if (line.startsWith("import ")) {
                    src.append(line).append('\n');
                    pageLine.add(b.firstLine() + i);
                } else {
                    body.add(line);
                    bodyLines.add(b.firstLine() + i);
                }
            }
        }
        src.append("@SuppressWarnings(\"unused\") final class ").append(className)
                .append(" { static void page() throws Exception {\n");
        pageLine.add(0);
        for (int i = 0; i < body.size(); i++) {
            src.append(body.get(i)).append('\n');
            pageLine.add(bodyLines.get(i));
        }
        src.append("} }\n");

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(java.net.URI.create("string:///docsnippets/" + className + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return src;
            }
        };
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
                    "-proc:none", "-Xlint:none");
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, List.of(file)).call();
            StringBuilder errors = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    long n = d.getLineNumber();
                    int line = n >= 1 && n <= pageLine.size() ? pageLine.get((int) n - 1) : 0;
                    errors.append(page.getFileName()).append(':').append(line).append(": ")
                            .append(d.getMessage(Locale.ROOT)).append('\n');
                }
            }
            assertTrue(ok && errors.isEmpty(), "the Java code of " + page + " does not compile:\n" + errors);
        }
    }
}
