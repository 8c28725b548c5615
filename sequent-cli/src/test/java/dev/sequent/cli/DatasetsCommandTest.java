package dev.sequent.cli;

import static dev.sequent.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sequent datasets}: only the loopback address and temporary folders are touched. */
class DatasetsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void listShowsEachArchiveAndItsStateInTheCache() {
        Path cache = tmp.resolve("cache");
        String[] r = run("datasets", "list", "--cache", cache.toString());
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertTrue(out.startsWith("cache: " + cache), out);
        assertTrue(out.contains("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz")
                && out.contains("84,125,825 bytes")
                && out.contains("c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"), out);
        assertTrue(out.contains("https://s3.amazonaws.com/keras-datasets/jena_climate_2009_2016.csv.zip")
                && out.contains("13,568,290 bytes"), out);
        assertTrue(out.contains("https://nlp.stanford.edu/data/glove.6B.zip") && out.contains("862,182,613 bytes")
                && out.contains("056ea991adb4740ac6bf1b6d9b50408b"), out);
        assertTrue(out.contains("not fetched (would go to " + cache.resolve("glove/glove.6B.zip") + ")"), out);
        assertFalse(Files.exists(cache), "list creates nothing");
    }

    @Test
    void fetchOfflineSaysWhatToDownloadAndWhere() {
        Path cache = tmp.resolve("cache");
        String[] r = run("datasets", "fetch", "imdb", "--offline", "--cache", cache.toString());
        assertEquals("1", r[0]);
        String err = r[2];
        assertTrue(err.contains("offline mode forbids downloading"), err);
        assertTrue(err.contains("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz")
                && err.contains("84,125,825 bytes")
                && err.contains("c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"), err);
        assertTrue(err.contains(cache.resolve("imdb/aclImdb_v1.tar.gz").toString()) && err.contains("SEQUENT_DATASETS"), err);
    }

    @Test
    void fetchRefusesAnArchiveOfTheWrongSizeFromAMirror() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = "not the real archive".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            Path cache = tmp.resolve("cache");
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror/";
            String[] r = run("datasets", "fetch", "jena", "--cache", cache.toString(), "--base-url", base);
            assertEquals("1", r[0]);
            assertTrue(r[2].contains(base + "jena_climate_2009_2016.csv.zip announces 20 bytes")
                    && r[2].contains("expects 13568290"), r[2]);
            assertFalse(Files.exists(cache.resolve("jena/jena_climate_2009_2016.csv.zip")));
            assertFalse(Files.exists(cache.resolve("jena/jena_climate_2009_2016.csv.zip.part")));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void verifyFailsOnABadArchiveAndOnANamedMissingOne() throws Exception {
        Path cache = tmp.resolve("cache");
        String[] r = run("datasets", "verify", "--cache", cache.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("imdb: MISSING - not in the cache") && r[1].contains("glove: MISSING"), r[1]);

        r = run("datasets", "verify", "jena", "--cache", cache.toString());
        assertEquals("1", r[0]);

        Files.createDirectories(cache.resolve("imdb"));
        Files.writeString(cache.resolve("imdb/aclImdb_v1.tar.gz"), "too short");
        r = run("datasets", "verify", "--cache", cache.toString());
        assertEquals("1", r[0]);
        assertTrue(r[1].contains("imdb: FAILED") && r[1].contains("is 9 bytes, but the catalogue expects 84125825"), r[1]);
    }

    @Test
    void fetchNeedsANameItKnows() {
        String[] r = run("datasets", "fetch", "--cache", tmp.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("imdb, jena, glove") && r[2].contains("--all"), r[2]);
        r = run("datasets", "fetch", "mnist", "--offline", "--cache", tmp.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("unknown dataset 'mnist'"), r[2]);
    }
}
