package dev.sequent.keras;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The authentic Keras files of {@code shared/keras-models}, read in place: from
 * {@code $SEQUENT_KERAS_MODELS}, else the first {@code shared/keras-models} found walking up from
 * the working directory (Maven runs tests from the module folder), as the dataset tests find
 * {@code shared/datasets}. Tests skip with a message when it is absent.
 */
final class KerasModels {
    private KerasModels() {
    }

    static Optional<Path> find() {
        String env = System.getenv("SEQUENT_KERAS_MODELS");
        if (env != null && !env.isBlank() && Files.isDirectory(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/keras-models");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The folder, or the test is skipped with a message. */
    static Path folder() {
        Optional<Path> f = find();
        Assumptions.assumeTrue(f.isPresent(), "no shared/keras-models folder found above " + Path.of("").toAbsolutePath()
                + " and SEQUENT_KERAS_MODELS is not set: skipping the tests on authentic Keras files");
        return f.get();
    }

    /** A file of the folder, or the test is skipped when the file is absent. */
    static Path file(String name) {
        Path p = folder().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), p + " is absent: skipping");
        return p;
    }

    private static final Pattern ROW = Pattern.compile("^\\| ([^ |]+) \\| [^|]+ \\| [^|]+ \\| ([0-9,]+|-) \\|");

    /** File name to parameter count, from the summary table of the folder's README.md ({@code -} for data files: absent). */
    static Map<String, Long> readmeParams(Path folder) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(folder.resolve("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find() && !m.group(2).equals("-")) {
                out.put(m.group(1), Long.parseLong(m.group(2).replace(",", "")));
            }
        }
        return out;
    }
}
