package dev.sequent.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Times the IMDB preprocessing of the book's chapter 6: fit a {@code Tokenizer.numWords(10_000)}
 * on the 25,000 training reviews, convert them to sequences, pad to 100. Prints reviews per
 * second for fitting and for {@code textsToSequences} separately, each the median of 3 runs.
 * A measuring tool, not a test: run it on a quiet machine.
 *
 * <p>Usage: {@code java -cp <sequent-text classes, test classes, sequent-core, jackson> dev.sequent.text.TokenizerSpeed [train.tsv.gz]};
 * without an argument it looks for {@code imdb/train.tsv.gz} under {@code $SEQUENT_DATASETS},
 * then under the first {@code shared/datasets} found walking up from the working directory.
 */
public final class TokenizerSpeed {

    private TokenizerSpeed() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : findTrain();
        if (file == null || !Files.isRegularFile(file)) {
            System.out.println("IMDB train.tsv.gz not found (pass its path, or set SEQUENT_DATASETS); nothing timed");
            return;
        }
        long t0 = System.nanoTime();
        List<String> texts = readTexts(file);
        System.out.printf("read %,d reviews from %s in %.2f s%n", texts.size(), file, (System.nanoTime() - t0) / 1e9);

        double[] fitSeconds = new double[3];
        double[] seqSeconds = new double[3];
        Tokenizer tokenizer = null;
        int[][] sequences = null;
        for (int run = 0; run < 3; run++) {
            long a = System.nanoTime();
            tokenizer = Tokenizer.numWords(10_000).fitOnTexts(texts);
            long b = System.nanoTime();
            sequences = tokenizer.textsToSequences(texts);
            long c = System.nanoTime();
            fitSeconds[run] = (b - a) / 1e9;
            seqSeconds[run] = (c - b) / 1e9;
        }
        long tokens = 0;
        for (int[] s : sequences) {
            tokens += s.length;
        }
        int[][] padded = Sequences.padSequences(sequences, 100);
        double fit = median(fitSeconds);
        double seq = median(seqSeconds);
        System.out.printf("vocabulary %,d words, %,d tokens kept, padded to %d x %d%n",
                tokenizer.wordIndex().size(), tokens, padded.length, padded[0].length);
        System.out.printf("fitOnTexts:       median %.3f s of %s -> %,.0f reviews/s%n", fit,
                Arrays.toString(round(fitSeconds)), texts.size() / fit);
        System.out.printf("textsToSequences: median %.3f s of %s -> %,.0f reviews/s%n", seq,
                Arrays.toString(round(seqSeconds)), texts.size() / seq);
    }

    static List<String> readTexts(Path file) throws IOException {
        List<String> texts = new ArrayList<>(25_000);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            String line = in.readLine(); // header: label, id, rating, text
            while ((line = in.readLine()) != null) {
                // Only the first three tabs separate columns; the review may hold more.
                int at = -1;
                for (int k = 0; k < 3; k++) {
                    at = line.indexOf('\t', at + 1);
                    if (at < 0) {
                        throw new IOException(file + ": line " + (texts.size() + 2) + " has fewer than 4 columns");
                    }
                }
                texts.add(line.substring(at + 1));
            }
        }
        return texts;
    }

    static Path findTrain() {
        String env = System.getenv("SEQUENT_DATASETS");
        if (env != null && !env.isBlank()) {
            return Path.of(env, "imdb", "train.tsv.gz");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/datasets/imdb/train.tsv.gz");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double[] round(double[] seconds) {
        double[] out = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = Math.round(seconds[i] * 1000) / 1000.0;
        }
        return out;
    }
}
