package dev.sequent.fuzz;

import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.Conv1D;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Dropout;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.GRU;
import dev.sequent.layers.GlobalAveragePooling1D;
import dev.sequent.layers.LSTM;
import dev.sequent.layers.MaxPooling1D;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.models.Sequential;
import dev.sequent.saving.SafeTensors;
import dev.sequent.tensor.Tensor;
import dev.sequent.text.TextVectorization;
import dev.sequent.text.Tokenizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpus: small valid files for every fuzz target, under
 * {@code src/test/resources/dev/sequent/fuzz/ReaderFuzzTestInputs/<target>/}. The files are
 * committed; this regenerates them after a format change:
 * {@code ./mvnw -o -pl sequent-fuzz test -Dtest=SeedCorpusWriter -Dsequent.fuzz.writeSeeds=true}.
 * The fuzz tests fail if a seed is not accepted, so a stale corpus does not go unnoticed.
 */
class SeedCorpusWriter {
    private static final Path ROOT = Path.of("src/test/resources/dev/sequent/fuzz/ReaderFuzzTestInputs");

    @Test
    @EnabledIfSystemProperty(named = "sequent.fuzz.writeSeeds", matches = "true")
    void write() throws IOException {
        safetensors();
        models();
        text();
        data();
    }

    // ------------------------------------------------------------------ sequent-core

    private static void safetensors() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("dense/kernel", Tensor.of(new float[] {0.5f, -1.25f, 3f, 0f, -0f, 1e-3f}, 2, 3));
        tensors.put("dense/bias", Tensor.vector(0.1f, 0.2f, 0.3f));
        tensors.put("scalar", Tensor.of(new float[] {7f}));
        tensors.put("empty", Tensor.zeros(0, 2));
        byte[] f32 = SafeTensors.toBytes(tensors, Map.of("format", "sequent"));
        put("safetensors", "a-f32.safetensors", f32);
        put("safetensorsStream", "a-f32.safetensors", f32);
        // The other dtypes the reader converts, written by hand as other tools would.
        byte[] mixed = mixedDtypes();
        put("safetensors", "b-f16-bf16-f64.safetensors", mixed);
        put("safetensorsStream", "b-f16-bf16-f64.safetensors", mixed);
    }

    private static byte[] mixedDtypes() {
        String header = "{\"__metadata__\":{\"source\":\"hand\"},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[4,8]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        b.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-2f));
        b.putShort((short) (Float.floatToIntBits(0.25f) >>> 16)).putShort((short) (Float.floatToIntBits(-8f) >>> 16));
        b.putDouble(Math.PI);
        return b.array();
    }

    private static void models() throws IOException {
        Path tmp = Files.createTempDirectory("seeds");
        Sequential a = new Sequential(
                new Embedding(20, 4).maskZero(true),
                new Bidirectional(new LSTM(3).returnSequences(true)),
                new GRU(2),
                new Dropout(0.2),
                new Dense(1, "sigmoid")).seed(7);
        a.name("seed_a");
        a.build(6);
        a.compile("rmsprop", "binary_crossentropy", "acc");
        a.save(tmp.resolve("a.sequent"));
        byte[] aBytes = Files.readAllBytes(tmp.resolve("a.sequent"));
        Map<String, byte[]> aEntries = entries(aBytes);
        // Stored first: sequentConfig pairs its configs with the weights of the first seed.
        put("sequentArchive", "a-stored.sequent", ReaderTargets.zip(aEntries));
        put("sequentArchive", "b-deflated.sequent", aBytes);
        put("sequentConfig", "a-config.json", aEntries.get("config.json"));

        Sequential c = new Sequential(
                new Conv1D(3, 2, "relu"),
                new MaxPooling1D(2),
                new SimpleRNN(2),
                new Dense(1)).seed(8);
        c.name("seed_c");
        c.build(8, 2);
        c.compile("adam", "mae", "mae");
        c.save(tmp.resolve("c.sequent"));
        put("sequentArchive", "c-stored.sequent", ReaderTargets.zip(entries(Files.readAllBytes(tmp.resolve("c.sequent")))));
    }

    // ------------------------------------------------------------------ sequent-text

    private static void text() throws IOException {
        List<String> texts = List.of("The cat sat on the mat.", "The dog ate my homework!", "Caf\u00e9 \u00fcber alles, the end");
        put("tokenizerJson", "a-plain.json", bytes(Tokenizer.defaults().fitOnTexts(texts).toJson()));
        put("tokenizerJson", "b-oov-numwords.json",
                bytes(Tokenizer.numWords(5).oovToken("<OOV>").fitOnTexts(texts).toJson()));
        put("tokenizerJson", "c-sequences.json", bytes(Tokenizer.defaults().fitOnSequences(new int[][] {{1, 2, 3}, {3, 4}}).toJson()));

        Path tmp = Files.createTempDirectory("seeds");
        TextVectorization vectorize = new TextVectorization().maxTokens(12).outputSequenceLength(5);
        vectorize.adapt(texts);
        Sequential m = new Sequential(vectorize, new Embedding(12, 3), new GlobalAveragePooling1D(), new Dense(1)).seed(9);
        m.name("seed_text");
        m.predict(List.of("the cat"));
        m.save(tmp.resolve("text.sequent"));
        Map<String, byte[]> entries = entries(Files.readAllBytes(tmp.resolve("text.sequent")));
        put("vocabularyModel", "a-text.sequent", ReaderTargets.zip(entries));
        byte[] vocabulary = entries.entrySet().stream().filter(e -> e.getKey().endsWith("/vocabulary.txt"))
                .findFirst().orElseThrow().getValue();
        put("vocabularyAsset", "a-vocabulary.txt", vocabulary);
    }

    // ------------------------------------------------------------------ sequent-data

    private static void data() throws IOException {
        put("glove", "a-plain.txt", bytes("""
                the 0.418 0.24968 -0.41242 0.1217 0.34527
                , 0.013441 0.23682 -0.16899 0.40951 0.63812
                . 0.15164 0.30177 -0.16763 0.17684 0.31719
                caf\u00e9 -7.0514e-07 1 -0.5 NaN inf
                of 0.70853 0.57088 -0.4716 0.18048 0.54449
                """));
        put("glove", "b-crlf-no-final-newline.txt", bytes("a 1.0 2.0\r\nb -3.5e2 4\r\nc 5 6"));

        put("jenaCsv", "a-hourly.csv", bytes("""
                "Date Time","p (mbar)","T (degC)","wv (m/s)"
                01.01.2009 00:10:00,996.52,-8.02,1.03
                01.01.2009 01:10:00,996.57,-8.41,0.72
                01.01.2009 02:10:00,996.53,-8.51,0.19
                01.01.2009 03:10:00,996.51,-8.31,-9999.00
                01.01.2009 04:10:00,996.51,-8.27,0.34
                """));
        put("jenaCsv", "b-crlf-bom.csv", bytes("\uFEFFDate Time,p (mbar),T (degC)\r\n"
                + "31.12.2016 23:40:00,1000.11,-3.93\r\n31.12.2016 23:50:00,999.82,-4.05\r\n01.01.2017 00:00:00,999.81,-4.23\r\n"));

        byte[] glove = Files.readAllBytes(ROOT.resolve("glove/a-plain.txt"));
        put("gloveZip", "a-stored.zip", ReaderTargets.zip(Map.of("glove.6B.50d.txt", glove)));
        put("gloveZip", "b-deflated.zip", deflated(Map.of("glove/glove.6B.50d.txt", glove)));
        byte[] jena = Files.readAllBytes(ROOT.resolve("jenaCsv/a-hourly.csv"));
        Map<String, byte[]> jenaEntries = new LinkedHashMap<>();
        jenaEntries.put("__MACOSX/._jena_climate_2009_2016.csv", bytes("resource fork"));
        jenaEntries.put("jena_climate_2009_2016.csv", jena);
        put("jenaZip", "a-stored.zip", ReaderTargets.zip(jenaEntries));
        put("jenaZip", "b-deflated.zip", deflated(jenaEntries));

        put("imdbTsv", "a-reviews.tsv", bytes("label\tid\trating\ttext\n"
                + "0\t10\t2\tA dull film.<br /><br />Avoid.\n"
                + "1\t11\t9\tWonderful \u00e9l\u00e9gance\twith a tab inside.\n"
                + "0\t12\t1\t\n"
                + "1\t13\t10\tThe best.\n"));

        Tar imdb = new Tar();
        imdb.dir("aclImdb/");
        imdb.file("aclImdb/train/neg/0_3.txt", "Bad. Really bad.");
        imdb.file("aclImdb/train/pos/1_9.txt", "Good <br />film");
        imdb.pax("aclImdb/test/neg/2_2.txt", "Too long a name for ustar, pretend.");
        imdb.longName("aclImdb/test/pos/3_8.txt", "Caf\u00e9 society.");
        imdb.file("aclImdb/imdb.vocab", "the\nand\n");
        put("imdbTarGz", "a-aclImdb.tar", imdb.finish());

        Tar files = new Tar();
        files.dir("data/");
        files.file("data/a.txt", "hello\n");
        files.pax("data/sub/b.csv", "x,y\n1,2\n");
        files.file("data/._a.txt", "resource fork, skipped");
        put("extractTarGz", "a-files.tar", files.finish());

        Map<String, byte[]> zipEntries = new LinkedHashMap<>();
        zipEntries.put("data/", new byte[0]);
        zipEntries.put("data/a.txt", bytes("hello\n"));
        zipEntries.put("data/sub/b.csv", bytes("x,y\n1,2\n"));
        zipEntries.put("__MACOSX/data/._a.txt", bytes("skipped"));
        put("extractZip", "a-stored.zip", ReaderTargets.zip(zipEntries));
        put("extractZip", "b-deflated.zip", deflated(zipEntries));
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(String target, String name, byte[] content) throws IOException {
        Path dir = Files.createDirectories(ROOT.resolve(target));
        Files.write(dir.resolve(name), content);
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    /** Deflated with data descriptors, as a streaming writer makes them: sizes unknown until after the data. */
    private static byte[] deflated(Map<String, byte[]> entries) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A tiny ustar writer: plain entries, pax 'x' paths and GNU 'L' long names, as the readers meet them. */
    private static final class Tar {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void dir(String name) {
            header(name, 0, '5');
        }

        void file(String name, String content) {
            byte[] data = bytes(content);
            header(name, data.length, '0');
            data(data);
        }

        void pax(String name, String content) {
            String record = " path=" + name + "\n";
            int len = record.length() + 2;
            String rec = len + record;
            if (rec.length() != len) {
                rec = (len + 1) + record;
            }
            byte[] paxData = bytes(rec);
            header("PaxHeaders/x", paxData.length, 'x');
            data(paxData);
            file("short-name-replaced-by-pax.txt", content);
        }

        void longName(String name, String content) {
            byte[] nameBytes = bytes(name + "\0");
            header("././@LongLink", nameBytes.length, 'L');
            data(nameBytes);
            file("short-name-replaced-by-long-name.txt", content);
        }

        byte[] finish() {
            out.writeBytes(new byte[1024]);
            return out.toByteArray();
        }

        private void header(String name, long size, char type) {
            byte[] h = new byte[512];
            put(h, 0, 100, name);
            put(h, 100, 8, "0000644");
            put(h, 108, 8, "0000000");
            put(h, 116, 8, "0000000");
            put(h, 124, 12, String.format("%011o", size));
            put(h, 136, 12, String.format("%011o", 1_600_000_000L));
            h[156] = (byte) type;
            put(h, 257, 6, "ustar");
            put(h, 263, 2, "00");
            for (int i = 148; i < 156; i++) {
                h[i] = ' ';
            }
            long sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, 8, String.format("%06o", sum) + "\0 ");
            out.writeBytes(h);
        }

        private void data(byte[] data) {
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        }

        private static void put(byte[] h, int off, int len, String s) {
            byte[] b = bytes(s);
            System.arraycopy(b, 0, h, off, Math.min(len, b.length));
        }
    }
}
