package dev.sequent.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A deterministic mutation fuzzer for file readers: it derives malformed inputs from valid seed
 * files (bit flips, byte insertions and deletions, truncations, corrupted length fields and
 * numbers, splices of two seeds) and asserts that the reader either accepts each one or refuses
 * it with one of its documented exceptions. Anything else (an {@code ArrayIndexOutOfBounds}, a
 * {@code NegativeArraySize}, an {@code OutOfMemoryError}, a {@code StackOverflowError}, an input
 * that does not finish) fails the test, naming the iteration and saving the input under
 * {@code target/fuzz-findings/} so it can be replayed.
 *
 * <p>Deterministic on purpose: the same seed gives the same inputs on every machine, so a failure
 * in CI reproduces locally, and the iteration count (not a duration) bounds the run. Coverage-guided
 * exploration is Jazzer's job (see the {@code *FuzzTest} classes and docs/reliability.md); this
 * runs in every build.
 */
public final class MutationFuzzer {

    /** The code under test: reads one input, returning normally when it accepts it. */
    @FunctionalInterface
    public interface Target {
        void accept(byte[] input) throws Exception;
    }

    /** How one run went: inputs accepted and refusals by exception class. */
    public record Report(String name, int iterations, int accepted, Map<String, Integer> refused, long millis) {
        @Override
        public String toString() {
            return "fuzz " + name + ": " + iterations + " inputs, " + accepted + " accepted, refused " + refused + " (" + millis
                    + " ms)";
        }
    }

    /** Bytes that mean something in the formats read here: JSON, CSV/TSV, paths, zip and tar structure. */
    public static final List<byte[]> TOKENS = Stream.of("{", "}", "[", "]", "\"", ",", ":", "\\", "\\u0000", "\n", "\r\n",
            "\t", " ", "-", ".", "e", "E", "null", "true", "false", "NaN", "-1", "0", "1", "2147483648", "4294967296",
            "9223372036854775807", "1e309", "-1e-400", "1.5", "../", "/", "C:", "\u00e9", "\uFEFF", "__metadata__", "F32",
            "F16", "dtype", "shape", "data_offsets", "config", "class_name", "layers", "PK\u0003\u0004", "ustar")
            .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();

    private static final long[] INTERESTING = {0, 1, -1, 2, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
            Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffff_ffffL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 100_000_001};

    private static final String[] NUMBERS = {"-1", "0", "-0", "1", "2147483647", "2147483648", "-2147483649",
            "99999999999999999999", "1e309", "1e-400", "NaN", "Infinity", "1.5", "0x10", "1_000", ""};

    private static final int MAX_INPUT = 1 << 20;

    private final String name;
    private final List<byte[]> seeds;
    private final int validSeeds;
    private final Target target;
    private final Predicate<Throwable> documented;
    private int iterations = 2000;
    private long seed = 0x5eed;
    private long perInputMillis = 20_000;

    private volatile byte[] current;
    private volatile long startedAt;

    private MutationFuzzer(String name, Corpus corpus, Target target, Predicate<Throwable> documented) {
        if (corpus.seeds().isEmpty()) {
            throw new IllegalArgumentException("fuzzing " + name + " needs at least one valid seed input");
        }
        this.name = name;
        this.seeds = corpus.all();
        this.validSeeds = corpus.seeds().size();
        this.target = target;
        this.documented = documented;
    }

    /** Prefix of corpus files that reproduce a past finding rather than seed valid input. */
    public static final String FINDING_PREFIX = "finding-";

    /**
     * A corpus folder: valid {@code seeds}, which the reader must accept and which are mutated, and
     * past {@code findings}, inputs that once broke it, which are replayed (and mutated too).
     */
    public record Corpus(List<byte[]> seeds, List<byte[]> findings) {
        public List<byte[]> all() {
            List<byte[]> out = new ArrayList<>(seeds);
            out.addAll(findings);
            return out;
        }
    }

    /**
     * A fuzzer for {@code target}; {@code documented} says which exceptions are a proper refusal
     * (for example {@code e -> e instanceof ModelFormatException}).
     */
    public static MutationFuzzer of(String name, Corpus corpus, Target target, Predicate<Throwable> documented) {
        return new MutationFuzzer(name, corpus, target, documented);
    }

    public MutationFuzzer iterations(int n) {
        this.iterations = n;
        return this;
    }

    public MutationFuzzer seed(long s) {
        this.seed = s;
        return this;
    }

    /** How long one input may run before it counts as a hang; generous because CI machines are shared. */
    public MutationFuzzer perInputMillis(long ms) {
        this.perInputMillis = ms;
        return this;
    }

    /**
     * Runs the seeds unchanged (each must be accepted: a seed the reader refuses tests nothing),
     * then {@link #iterations(int)} mutated inputs. Fails on the first undocumented outcome.
     */
    public Report run() {
        Report[] report = new Report[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                report[0] = runAll();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "fuzz-" + name);
        worker.setDaemon(true); // a hung input must not keep the test JVM alive
        worker.start();
        while (true) {
            try {
                worker.join(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while fuzzing " + name);
            }
            if (!worker.isAlive()) {
                break;
            }
            byte[] input = current;
            if (input != null && System.currentTimeMillis() - startedAt > perInputMillis) {
                Path saved = save(input, "hang");
                fail("fuzz " + name + ": an input did not finish within " + perInputMillis + " ms (a loop that never ends?);"
                        + " saved to " + saved + describe(input));
            }
        }
        if (failure[0] instanceof AssertionError a) {
            throw a;
        }
        if (failure[0] != null) {
            throw new AssertionError("fuzzer " + name + " failed itself", failure[0]);
        }
        System.out.println(report[0]);
        return report[0];
    }

    private Report runAll() {
        long start = System.nanoTime();
        Map<String, Integer> refused = new TreeMap<>();
        int accepted = 0;
        for (int i = 0; i < seeds.size(); i++) {
            Throwable t = attempt(seeds.get(i));
            boolean finding = i >= validSeeds;
            if (t != null && !finding) {
                throw new AssertionError("fuzz " + name + ": seed " + i + " is refused, so mutating it tests little: " + t, t);
            }
            if (t != null && !documented.test(t)) {
                throw new AssertionError("fuzz " + name + ": saved finding " + (i - validSeeds) + " fails again: undocumented " + t, t);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int it = 0; it < iterations; it++) {
            byte[] input = mutate(random);
            Throwable t = attempt(input);
            if (t == null) {
                accepted++;
            } else if (documented.test(t)) {
                refused.merge(t.getClass().getSimpleName(), 1, Integer::sum);
            } else {
                Path saved = save(input, "iteration-" + it);
                throw new AssertionError("fuzz " + name + ", iteration " + it + " (seed " + seed + "): undocumented "
                        + t + "; input saved to " + saved + describe(input), t);
            }
        }
        return new Report(name, iterations, accepted, refused, (System.nanoTime() - start) / 1_000_000);
    }

    private Throwable attempt(byte[] input) {
        current = input;
        startedAt = System.currentTimeMillis();
        try {
            target.accept(input);
            return null;
        } catch (Throwable t) { // errors too: an OutOfMemoryError or StackOverflowError is a finding
            return t;
        } finally {
            current = null;
        }
    }

    // ------------------------------------------------------------------ mutations

    byte[] mutate(SplittableRandom r) {
        byte[] b = seeds.get(r.nextInt(seeds.size())).clone();
        int rounds = 1 + r.nextInt(r.nextInt(8) == 0 ? 12 : 4);
        for (int k = 0; k < rounds; k++) {
            b = mutateOnce(b, r);
            if (b.length > MAX_INPUT) {
                b = Arrays.copyOf(b, MAX_INPUT);
            }
        }
        return b;
    }

    private byte[] mutateOnce(byte[] b, SplittableRandom r) {
        int n = b.length;
        switch (r.nextInt(12)) {
            case 0 -> { // flip one bit
                if (n > 0) {
                    b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> { // any byte value
                if (n > 0) {
                    b[r.nextInt(n)] = (byte) r.nextInt(256);
                }
            }
            case 2 -> { // a byte that means something somewhere
                if (n > 0) {
                    byte[] special = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xc3, '0', '9', ' ', '\n', '\r', '\t', '"', ',',
                            '/', '.', '{', '[', '-'};
                    b[r.nextInt(n)] = special[r.nextInt(special.length)];
                }
            }
            case 3 -> { // insert random bytes
                byte[] ins = new byte[1 + r.nextInt(16)];
                for (int i = 0; i < ins.length; i++) {
                    ins[i] = (byte) r.nextInt(256);
                }
                return insert(b, r.nextInt(n + 1), ins);
            }
            case 4 -> { // delete a run
                if (n > 0) {
                    int at = r.nextInt(n);
                    int len = 1 + r.nextInt(Math.min(64, n - at));
                    return delete(b, at, len);
                }
            }
            case 5 -> { // repeat a run somewhere else
                if (n > 0) {
                    int from = r.nextInt(n);
                    int len = 1 + r.nextInt(Math.min(256, n - from));
                    return insert(b, r.nextInt(n + 1), Arrays.copyOfRange(b, from, from + len));
                }
            }
            case 6 -> { // truncate
                return Arrays.copyOf(b, n == 0 ? 0 : r.nextInt(n));
            }
            case 7 -> { // a corrupted length or count field: an interesting integer, 1 to 8 bytes, either byte order
                int width = 1 << r.nextInt(4);
                if (n >= width) {
                    long v = INTERESTING[r.nextInt(INTERESTING.length)];
                    if (r.nextBoolean()) {
                        v += r.nextInt(-16, 17);
                    }
                    ByteBuffer buf = ByteBuffer.allocate(8).order(r.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                    buf.putLong(0, v);
                    int at = r.nextInt(n - width + 1);
                    int start = buf.order() == ByteOrder.LITTLE_ENDIAN ? 0 : 8 - width;
                    System.arraycopy(buf.array(), start, b, at, width);
                }
            }
            case 8 -> { // a token of the formats
                return insert(b, r.nextInt(n + 1), TOKENS.get(r.nextInt(TOKENS.size())));
            }
            case 9 -> { // a number replaced by an awkward one
                int at = findDigit(b, r);
                if (at >= 0) {
                    int end = at;
                    while (end < n && (Character.isDigit(b[end]) || b[end] == '.' || b[end] == '-' || b[end] == 'e')) {
                        end++;
                    }
                    byte[] num = NUMBERS[r.nextInt(NUMBERS.length)].getBytes(StandardCharsets.US_ASCII);
                    return insert(delete(b, at, end - at), at, num);
                }
            }
            case 10 -> { // the start of one seed with the end of another
                byte[] other = seeds.get(r.nextInt(seeds.size()));
                int cut = n == 0 ? 0 : r.nextInt(n);
                int from = other.length == 0 ? 0 : r.nextInt(other.length);
                byte[] out = Arrays.copyOf(b, cut + other.length - from);
                System.arraycopy(other, from, out, cut, other.length - from);
                return out;
            }
            default -> { // one digit changed, keeping text text
                int at = findDigit(b, r);
                if (at >= 0) {
                    b[at] = (byte) ('0' + r.nextInt(10));
                }
            }
        }
        return b;
    }

    private static int findDigit(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return -1;
        }
        int start = r.nextInt(b.length);
        for (int k = 0; k < b.length; k++) {
            int i = (start + k) % b.length;
            if (b[i] >= '0' && b[i] <= '9') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] insert(byte[] b, int at, byte[] ins) {
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, ins.length);
        System.arraycopy(b, at, out, at + ins.length, b.length - at);
        return out;
    }

    private static byte[] delete(byte[] b, int at, int len) {
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + len, out, at, b.length - at - len);
        return out;
    }

    // ------------------------------------------------------------------ corpus and findings

    /**
     * The files of a seed corpus folder on the test class path, in name order: Jazzer's layout,
     * {@code <package>/<TestClass>Inputs/<method>/}, so both fuzzers share one corpus. Files named
     * {@code finding-*} (or Jazzer's {@code crash-*}) are inputs that once broke a reader: they are
     * replayed and may be refused
     * (with a documented exception), while every other file is a valid seed the reader must accept.
     */
    public static Corpus corpus(Class<?> testClass, String method) {
        String dir = testClass.getSimpleName() + "Inputs/" + method;
        URL url = testClass.getResource(dir);
        if (url == null) {
            throw new IllegalStateException("no seed corpus " + dir + " beside " + testClass.getName());
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<byte[]> seeds = new ArrayList<>();
            List<byte[]> findings = new ArrayList<>();
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String file = p.getFileName().toString();
                (file.startsWith(FINDING_PREFIX) || file.startsWith("crash-") ? findings : seeds).add(Files.readAllBytes(p));
            }
            return new Corpus(seeds, findings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path save(byte[] input, String what) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-findings"));
            Path file = dir.resolve(name + "-" + what + ".bin");
            Files.write(file, input);
            return file.toAbsolutePath();
        } catch (IOException e) {
            return Path.of("(not saved: " + e.getMessage() + ")");
        }
    }

    private static String describe(byte[] input) {
        String b64 = Base64.getEncoder().encodeToString(input.length <= 512 ? input : Arrays.copyOf(input, 512));
        return "\n" + input.length + " bytes" + (input.length > 512 ? ", the first 512" : "") + " in base64: " + b64;
    }
}
