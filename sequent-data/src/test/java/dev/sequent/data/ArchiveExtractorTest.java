package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {

    @TempDir
    Path tmp;

    private Path zip(String name, String... namesAndContents) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Test
    void unpacksAZipSkippingMacResourceForksAndReportsProgress() throws IOException {
        Path archive = zip("jena.zip", "jena_climate_2009_2016.csv", "\"Date Time\",\"T (degC)\"\n",
                "__MACOSX/._jena_climate_2009_2016.csv", "junk", "docs/readme.txt", "hello");
        Path dest = tmp.resolve("out");
        List<long[]> seen = new ArrayList<>();
        List<Path> created = ArchiveExtractor.extract(archive, dest, new ProgressListener() {
            @Override
            public void start(String label, long done, long total) {
                assertEquals("extract jena.zip", label);
                seen.add(new long[] {done, total});
            }

            @Override
            public void update(long done) {
            }

            @Override
            public void finish(long done) {
                seen.add(new long[] {done, -2});
            }
        });
        assertEquals(List.of("docs", "docs/readme.txt", "jena_climate_2009_2016.csv"), tree(dest));
        assertEquals(2, created.size());
        assertEquals("hello", Files.readString(dest.resolve("docs/readme.txt")));
        assertEquals(Files.size(archive), seen.get(0)[1]);
        assertEquals(Files.size(archive), seen.get(1)[0], "the whole archive was read");
    }

    @Test
    void extractingAgainReplacesTheEarlierExtraction() throws IOException {
        Path dest = tmp.resolve("out");
        ArchiveExtractor.extract(zip("a.zip", "d/old.txt", "old", "f.txt", "1"), dest, ProgressListener.NONE);
        ArchiveExtractor.extract(zip("b.zip", "d/new.txt", "new", "f.txt", "2"), dest, ProgressListener.NONE);
        assertEquals(List.of("d", "d/new.txt", "f.txt"), tree(dest));
        assertEquals("2", Files.readString(dest.resolve("f.txt")));
    }

    @Test
    void refusesZipEntriesThatLeaveTheDestination() throws IOException {
        for (String evil : List.of("../evil.txt", "docs/../../evil.txt", "/abs.txt", "C:/windows.txt", "a\\..\\..\\evil.txt")) {
            Path dest = Files.createDirectories(tmp.resolve("dest-" + Math.abs(evil.hashCode())));
            Path archive = zip("evil-" + Math.abs(evil.hashCode()) + ".zip", "fine.txt", "ok", evil, "pwned");
            var e = assertThrows(DatasetFormatException.class,
                    () -> ArchiveExtractor.extract(archive, dest, ProgressListener.NONE), evil);
            assertTrue(e.getMessage().contains("'" + evil + "'") && e.getMessage().contains("refusing"), e.getMessage());
            // Nothing extracted, not even the good entry before it, and no staging folder left.
            assertEquals(List.of(), tree(dest), evil);
        }
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
        assertFalse(Files.exists(Path.of("/abs.txt")));
    }

    @Test
    void refusesTarEntriesThatLeaveTheDestination() throws IOException {
        for (String evil : List.of("aclImdb/../../evil.txt", "/etc/evil.txt")) {
            Path dest = Files.createDirectories(tmp.resolve("dest-" + Math.abs(evil.hashCode())));
            Path archive = new TestArchives().file("aclImdb/fine.txt", "ok").file(evil, "pwned")
                    .writeGz(tmp.resolve("evil-" + Math.abs(evil.hashCode()) + ".tar.gz"), -1);
            var e = assertThrows(DatasetFormatException.class,
                    () -> ArchiveExtractor.extract(archive, dest, ProgressListener.NONE), evil);
            assertTrue(e.getMessage().contains(evil), e.getMessage());
            assertEquals(List.of(), tree(dest), evil);
        }
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
    }

    @Test
    void resolveChecksEveryNameItself() {
        Path staging = tmp.resolve("s");
        assertEquals(staging.resolve("a/b.txt"), ArchiveExtractor.resolve(staging, "a/b.txt", tmp.resolve("x.zip")));
        for (String evil : List.of("..", "../x", "a/../../x", "/x", "\\x", "D:x", "", ".")) {
            assertThrows(DatasetFormatException.class, () -> ArchiveExtractor.resolve(staging, evil, tmp.resolve("x.zip")), evil);
        }
    }

    @Test
    void aTruncatedTarGzIsAFormatErrorAndLeavesNothing() throws IOException {
        Path archive = new TestArchives().file("aclImdb/a.txt", "x".repeat(5000)).writeGz(tmp.resolve("t.tar.gz"), 700);
        Path dest = Files.createDirectories(tmp.resolve("out"));
        assertThrows(DatasetFormatException.class, () -> ArchiveExtractor.extract(archive, dest, ProgressListener.NONE));
        assertEquals(List.of(), tree(dest));
    }

    @Test
    void somethingElseIsNotAnArchive() throws IOException {
        Path f = Files.writeString(tmp.resolve("plain.txt"), "just text");
        var e = assertThrows(DatasetFormatException.class,
                () -> ArchiveExtractor.extract(f, tmp.resolve("out"), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("not a zip or tar.gz"), e.getMessage());
    }
}
