package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetCatalogTest {

    @Test
    void theStandardEntriesPinTheCanonicalArchives() {
        DatasetCatalog c = DatasetCatalog.standard();
        assertEquals(List.of("imdb", "jena", "glove"), c.all().stream().map(RemoteDataset::name).toList());
        RemoteDataset imdb = c.get("imdb");
        assertEquals(URI.create("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"), imdb.url());
        assertEquals(84_125_825L, imdb.size());
        assertEquals("c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe", imdb.sha256());
        RemoteDataset jena = c.get("JENA");
        assertEquals(URI.create("https://s3.amazonaws.com/keras-datasets/jena_climate_2009_2016.csv.zip"), jena.url());
        assertEquals(13_568_290L, jena.size());
        assertNull(jena.sha256());
        RemoteDataset glove = c.get("glove");
        assertEquals(URI.create("https://nlp.stanford.edu/data/glove.6B.zip"), glove.url());
        assertEquals(862_182_613L, glove.size());
        assertNull(glove.sha256());
        assertEquals("056ea991adb4740ac6bf1b6d9b50408b", glove.md5());
        // The names the readers look for, so a fetched archive is found without configuration.
        assertTrue(JenaClimate.FILE_NAMES.contains(jena.fileName()));
        assertEquals(Path.of("root/glove/glove.6B.zip"), Path.of("root").resolve(glove.folder()).resolve(glove.fileName()));
    }

    @Test
    void aMirrorServesEveryArchiveUnderItsFileName() {
        DatasetCatalog m = DatasetCatalog.standard().withBaseUrl(URI.create("http://127.0.0.1:8080/mirror"));
        assertEquals(URI.create("http://127.0.0.1:8080/mirror/glove.6B.zip"), m.get("glove").url());
        assertEquals(DatasetCatalog.standard().get("imdb").sha256(), m.get("imdb").sha256());
    }

    @Test
    void unknownNamesAndUnsafeEntriesAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.standard().get("mnist"));
        assertTrue(e.getMessage().contains("'mnist'") && e.getMessage().contains("imdb, jena, glove"), e.getMessage());
        URI u = URI.create("https://example.org/x.zip");
        assertThrows(IllegalArgumentException.class, () -> new RemoteDataset("x", "X", "..", "x.zip", u, 1, null, null));
        assertThrows(IllegalArgumentException.class, () -> new RemoteDataset("x", "X", "x", "a/b.zip", u, 1, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new RemoteDataset("x", "X", "x", "x.zip", URI.create("file:///etc/passwd"), 1, null, null));
        assertThrows(IllegalArgumentException.class, () -> new RemoteDataset("x", "X", "x", "x.zip", u, 1, "ABC", null));
        assertThrows(IllegalArgumentException.class, () -> new RemoteDataset("x", "X", "x", "x.zip", u, 0, null, null));
    }
}
