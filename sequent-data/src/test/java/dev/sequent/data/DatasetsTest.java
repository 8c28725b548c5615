package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path tmp;

    @Test
    void propertyWinsOverEnvironmentAndWalk() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        assertEquals(Optional.of(a), Datasets.search(a.toString(), b.toString(), tmp, null));
        assertEquals(Optional.of(b), Datasets.search(null, b.toString(), tmp, null));
        assertEquals(Optional.of(b), Datasets.search(tmp.resolve("missing").toString(), b.toString(), tmp, null));
    }

    @Test
    void walksUpToTheFirstFolderHoldingSharedDatasets() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("work/shared/datasets"));
        Path module = Files.createDirectories(tmp.resolve("work/clone/sequent-data"));
        assertEquals(Optional.of(root), Datasets.search(null, "", module, null));
        assertEquals(root, Datasets.require("IMDB", null, null, module));
    }

    @Test
    void errorListsEveryPlaceAndHowToFixIt() throws IOException {
        Path start = Files.createDirectories(tmp.resolve("x/y"));
        var e = assertThrows(DatasetNotFoundException.class,
                () -> Datasets.require("IMDB", tmp.resolve("nope").toString(), null, start));
        String m = e.getMessage();
        assertTrue(m.contains("for IMDB"), m);
        assertTrue(m.contains("system property sequent.datasets = " + tmp.resolve("nope") + " (not a directory)"), m);
        assertTrue(m.contains("environment variable SEQUENT_DATASETS (not set)"), m);
        for (Path p = start; p != null; p = p.getParent()) {
            assertTrue(m.contains(p.resolve("shared/datasets").toString()), m);
        }
        assertTrue(m.contains("export SEQUENT_DATASETS="), m);
    }
}
