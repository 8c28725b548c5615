package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every file of shared/keras-models: what inspect says, and that each supported model loads with the README's parameter count. */
class KerasModelsCatalogueTest {

    @Test
    void everyFileIsInspectedAndEverySupportedModelLoadsWithTheReadmeParameterCount() throws Exception {
        Path folder = KerasModels.folder();
        Map<String, Long> expected = KerasModels.readmeParams(folder);
        assertTrue(expected.size() >= 25, "the README's summary table should list the model files, found " + expected.keySet());
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> !p.getFileName().toString().equals("README.md") && !p.getFileName().toString().equals("SHA256SUMS"))
                    .sorted().toList();
        }
        StringBuilder report = new StringBuilder();
        for (Path f : files) {
            String name = f.getFileName().toString();
            KerasModelFile k = KerasFiles.inspect(f);
            report.append(String.format("%-48s %-32s %-8s %s params=%d file=%d %s%n", name, k.format(), k.kerasVersion(),
                    k.imported() ? "LOADED" : "not loaded", k.imported() ? k.model().countParams() : -1, k.params(),
                    k.imported() ? (k.compile() + " " + k.notes()) : k.problems()));
            Long want = expected.get(name);
            if (want != null) {
                assertEquals(want.longValue(), k.params(), name + ": weight values in the file vs README");
            }
            if (k.imported()) {
                assertNotNull(want, name + " loaded but the README gives no parameter count");
                assertEquals(want.longValue(), k.model().countParams(), name + ": loaded model's parameter count vs README");
            }
        }
        System.out.print(report);
    }
}
