package dev.sequent.saving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sequent.tensor.Tensor;
import dev.sequent.util.AtomicFiles;
import dev.sequent.util.Utf8;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes the safetensors format of Hugging Face: an 8-byte little-endian header
 * length, a JSON header naming each tensor's dtype, shape and byte range, then the raw
 * little-endian tensor data. Chosen because PyTorch, JAX, Keras and the Hugging Face tools
 * all read it and, unlike pickles, loading one runs no code.
 *
 * <p>Sequent writes float32 ({@code F32}) only. It reads {@code F32}, and converts
 * {@code F16}, {@code BF16} and {@code F64} to float32 so weights published in those types can
 * be loaded; other dtypes are refused by name.
 *
 * <p>The reader trusts nothing in the file: the header length is bounded by
 * {@link #MAX_HEADER_BYTES} and by the bytes actually present, every tensor's byte range must
 * match its dtype and shape and lie inside the data section, and the ranges must tile the data
 * section exactly (no overlaps, no holes, no trailing bytes), as the reference implementation
 * requires. Violations are {@link ModelFormatException}s naming the file, the tensor, and what
 * was expected versus found.
 */
public final class SafeTensors {
    /** The largest header accepted, as in the reference implementation (100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";

    /** Java arrays cannot quite reach Integer.MAX_VALUE elements on common JVMs. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final int CHUNK = 1 << 16;

    /** Dtypes of the format that Sequent does not read, so the error can say "unsupported" rather than "unknown". */
    private static final Set<String> OTHER_DTYPES = Set.of("BOOL", "U8", "I8", "I16", "U16", "I32", "U32", "I64", "U64",
            "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64");

    private SafeTensors() {
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code tensors} as float32, their data in the map's iteration order, with
     * {@code metadata} as the header's {@code __metadata__} (left out when empty). The file is
     * replaced atomically: on failure any previous file is left as it was.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, out -> writeTo(out, header, tensors));
    }

    /** Writes the safetensors bytes to {@code out}, which is neither flushed nor closed. */
    public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        writeTo(out, header(tensors, metadata), tensors);
    }

    /** The safetensors bytes in memory; for files of 2 GB or more use a stream or path instead. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        byte[] header = header(tensors, metadata);
        long total = 8L + header.length + dataBytes(tensors);
        if (total > MAX_ELEMENTS) {
            throw new IllegalArgumentException("the tensors need " + total + " bytes, more than a byte array holds;"
                    + " write them to a file or stream instead");
        }
        var out = new ByteArrayOutputStream((int) total);
        try {
            writeTo(out, header, tensors);
        } catch (IOException e) {
            throw new AssertionError("in-memory stream failed", e);
        }
        return out.toByteArray();
    }

    /** The exact size in bytes of the file {@link #write} would produce. */
    static long byteSize(Map<String, Tensor> tensors, Map<String, String> metadata) {
        return 8L + header(tensors, metadata).length + dataBytes(tensors);
    }

    private static long dataBytes(Map<String, Tensor> tensors) {
        long n = 0;
        for (Tensor t : tensors.values()) {
            n += 4L * t.size();
        }
        return n;
    }

    /** The padded header bytes; validates the names and values before anything is written. */
    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "tensors");
        ObjectNode root = Json.newObject();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("metadata keys and values must not be null: " + e);
                }
                meta.put(e.getKey(), e.getValue());
            }
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null) {
                throw new IllegalArgumentException("tensor names must not be null");
            }
            if (name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("'" + METADATA_KEY + "' is reserved for the metadata and cannot name a tensor");
            }
            if (t == null) {
                throw new IllegalArgumentException("tensor '" + name + "' is null");
            }
            ObjectNode entry = root.putObject(name);
            entry.put("dtype", "F32");
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long end = offset + 4L * t.size();
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = Json.writeCompact(root).getBytes(StandardCharsets.UTF_8);
        // The reference writer pads with spaces so the data starts 8-byte aligned, which lets
        // readers map the file and view the data in place.
        int padded = (json.length + 7) & ~7;
        if (padded > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("the safetensors header would be " + padded + " bytes, over the "
                    + MAX_HEADER_BYTES + "-byte limit readers enforce (too many tensors or too much metadata)");
        }
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeTo(OutputStream out, byte[] header, Map<String, Tensor> tensors) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(0, header.length);
        out.write(buf.array(), 0, 8);
        out.write(header);
        var floats = buf.asFloatBuffer();
        for (Tensor t : tensors.values()) {
            float[] data = t.data();
            int n = t.size();
            for (int i = 0; i < n; i += CHUNK / 4) {
                int len = Math.min(CHUNK / 4, n - i);
                floats.clear();
                floats.put(data, i, len);
                out.write(buf.array(), 0, len * 4);
            }
        }
    }

    // ---------------------------------------------------------------- reading

    /** Reads a safetensors file; the file is named in every error. */
    public static SafeTensorsContents read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return new Reader(in, file.toString(), size, size).read();
        }
    }

    /** Reads safetensors bytes held in memory; {@code source} names them in errors. */
    public static SafeTensorsContents read(byte[] bytes, String source) {
        try {
            return new Reader(new ByteArrayInputStream(bytes), source, bytes.length, bytes.length).read();
        } catch (IOException e) {
            throw new AssertionError("in-memory stream failed", e);
        }
    }

    /**
     * Reads safetensors from a stream of unknown length, such as a zip entry, up to its end;
     * refuses more than {@code maxBytes} bytes in all. Memory grows with the bytes actually
     * read, not with the sizes the header claims, so a short malicious stream cannot make the
     * reader allocate gigabytes. The stream is not closed.
     */
    public static SafeTensorsContents read(InputStream in, String source, long maxBytes) throws IOException {
        return new Reader(in, source, -1, maxBytes).read();
    }

    private record Entry(String name, String dtype, int itemSize, int[] shape, long count, long begin, long end) {
    }

    /** One read of one file: keeps the source name and sizes at hand for the error messages. */
    private static final class Reader {
        private final InputStream in;
        private final String source;
        private final long knownSize; // -1 for a stream
        private final long maxBytes;

        Reader(InputStream in, String source, long knownSize, long maxBytes) {
            this.in = in;
            this.source = source;
            this.knownSize = knownSize;
            this.maxBytes = maxBytes;
        }

        SafeTensorsContents read() throws IOException {
            byte[] prefix = in.readNBytes(8);
            if (prefix.length < 8) {
                throw error("is " + prefix.length + " bytes long, too short for the 8-byte header length"
                        + " that starts a safetensors file");
            }
            long headerLength = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
                throw error("declares a header of " + Long.toUnsignedString(headerLength) + " bytes; expected between 2 and "
                        + MAX_HEADER_BYTES + " (not a safetensors file?)");
            }
            if (knownSize >= 0 && headerLength > knownSize - 8) {
                throw error("declares a header of " + headerLength + " bytes but only " + (knownSize - 8)
                        + " bytes follow the header length (truncated, or not a safetensors file)");
            }
            if (8 + headerLength > maxBytes) {
                throw error("declares a header of " + headerLength + " bytes, beyond the " + maxBytes + "-byte limit for this file");
            }
            byte[] headerBytes = in.readNBytes((int) headerLength);
            if (headerBytes.length < headerLength) {
                throw error("declares a header of " + headerLength + " bytes but ends after " + headerBytes.length
                        + " of them (truncated)");
            }
            JsonNode header = parseHeader(headerBytes);

            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : header.properties()) {
                if (field.getKey().equals(METADATA_KEY)) {
                    readMetadata(field.getValue(), metadata);
                } else {
                    entries.add(entry(field.getKey(), field.getValue()));
                }
            }

            long dataSize = knownSize >= 0 ? knownSize - 8 - headerLength : -1;
            // Stable sort: empty tensors sharing an offset keep their header order.
            List<Entry> byOffset = new ArrayList<>(entries);
            byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
            long pos = 0;
            Entry previous = null;
            for (Entry e : byOffset) {
                if (e.begin < pos) {
                    throw error("tensor '" + e.name + "' has data_offsets [" + e.begin + ", " + e.end + "] overlapping tensor '"
                            + previous.name + "' at [" + previous.begin + ", " + previous.end + "]");
                }
                if (e.begin > pos) {
                    throw error("bytes [" + pos + ", " + e.begin + ") of the data section belong to no tensor (tensor '" + e.name
                            + "' starts at " + e.begin + ", expected " + pos + ")");
                }
                if (dataSize >= 0 && e.end > dataSize) {
                    throw error("tensor '" + e.name + "' has data_offsets [" + e.begin + ", " + e.end + "] but the data section"
                            + " holds only " + dataSize + " bytes (truncated?)");
                }
                pos = e.end;
                previous = e;
            }
            if (dataSize >= 0 && pos != dataSize) {
                throw error("has " + (dataSize - pos) + " bytes after the last tensor's data (data section of " + dataSize
                        + " bytes, tensors cover " + pos + ")");
            }
            if (8 + headerLength + pos > maxBytes) {
                throw error("needs " + (8 + headerLength + pos) + " bytes for its tensors, beyond the " + maxBytes
                        + "-byte limit for this file");
            }

            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : byOffset) {
                tensors.put(e.name, Tensor.of(readData(e), e.shape));
            }
            if (knownSize < 0 && in.read() != -1) {
                throw error("has bytes after the last tensor's data (the tensors cover " + pos + " bytes)");
            }
            return new SafeTensorsContents(tensors, metadata);
        }

        private JsonNode parseHeader(byte[] bytes) {
            if (bytes[0] != '{') {
                throw error("header does not start with '{' (found byte 0x" + Integer.toHexString(bytes[0] & 0xff)
                        + "); not a safetensors file?");
            }
            // Decoded by hand: left to itself, a JSON parser guesses UTF-16 from zero bytes.
            String text = Utf8.decode(bytes, at -> error("header is not valid UTF-8 at byte offset " + (8 + at)
                    + " of the file: " + Utf8.hex(bytes, at, bytes.length)));
            JsonNode header = Json.readTree(text, source + " (safetensors header)");
            if (!header.isObject()) {
                throw error("header is " + Json.describe(header) + ", expected a JSON object");
            }
            return header;
        }

        private void readMetadata(JsonNode node, Map<String, String> metadata) {
            if (node.isNull()) {
                return;
            }
            if (!node.isObject()) {
                throw error("'" + METADATA_KEY + "' is " + Json.describe(node) + ", expected an object of strings");
            }
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                if (!f.getValue().isTextual()) {
                    throw error("metadata '" + f.getKey() + "' is " + Json.describe(f.getValue()) + ", expected a string");
                }
                metadata.put(f.getKey(), f.getValue().textValue());
            }
        }

        private Entry entry(String name, JsonNode node) {
            String where = "tensor '" + name + "'";
            if (!node.isObject()) {
                throw error(where + " is " + Json.describe(node) + ", expected an object with dtype, shape and data_offsets");
            }
            JsonNode dtypeNode = node.get("dtype");
            JsonNode shapeNode = node.get("shape");
            JsonNode offsetsNode = node.get("data_offsets");
            if (dtypeNode == null || shapeNode == null || offsetsNode == null) {
                throw error(where + " lacks " + (dtypeNode == null ? "dtype" : shapeNode == null ? "shape" : "data_offsets")
                        + "; every tensor needs dtype, shape and data_offsets");
            }
            if (!dtypeNode.isTextual()) {
                throw error(where + " has dtype " + Json.describe(dtypeNode) + ", expected a string such as \"F32\"");
            }
            String dtype = dtypeNode.textValue();
            int itemSize = switch (dtype) {
                case "F32" -> 4;
                case "F16", "BF16" -> 2;
                case "F64" -> 8;
                default -> throw error(where + " has " + (OTHER_DTYPES.contains(dtype) ? "dtype " : "unknown dtype ")
                        + "\"" + dtype + "\"; Sequent reads F32, and converts F16, BF16 and F64 to float32");
            };
            if (!shapeNode.isArray()) {
                throw error(where + " has shape " + Json.describe(shapeNode) + ", expected an array of sizes");
            }
            int[] shape = new int[shapeNode.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0 || d.longValue() > Integer.MAX_VALUE) {
                    throw error(where + " has shape " + shapeNode + "; dimension " + i + " is " + Json.describe(d)
                            + ", expected a whole number from 0 to " + Integer.MAX_VALUE);
                }
                shape[i] = d.intValue();
                // Both factors stay below 2^32, so the product cannot overflow before it is capped.
                count = Math.min(count * shape[i], MAX_ELEMENTS + 1);
            }
            if (count > MAX_ELEMENTS) {
                throw error(where + " has shape " + shapeNode + ", more than the " + MAX_ELEMENTS
                        + " values a Java array can hold");
            }
            if (!offsetsNode.isArray() || offsetsNode.size() != 2) {
                throw error(where + " has data_offsets " + offsetsNode + ", expected [begin, end]");
            }
            long[] offsets = new long[2];
            for (int i = 0; i < 2; i++) {
                JsonNode o = offsetsNode.get(i);
                if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                    throw error(where + " has data_offsets " + offsetsNode + ", expected two whole numbers >= 0");
                }
                offsets[i] = o.longValue();
            }
            if (offsets[1] < offsets[0]) {
                throw error(where + " has data_offsets " + offsetsNode + " that end before they begin");
            }
            long expected = count * itemSize;
            if (offsets[1] - offsets[0] != expected) {
                throw error(where + " has data_offsets " + offsetsNode + " spanning " + (offsets[1] - offsets[0])
                        + " bytes, but " + dtype + " shape " + shapeNode + " needs " + expected + " bytes");
            }
            return new Entry(name, dtype, itemSize, shape, count, offsets[0], offsets[1]);
        }

        /**
         * Reads one tensor's bytes as float32. Arrays grow with the bytes that actually arrive
         * when the total size was not checked up front, so a lying header costs little memory.
         */
        private float[] readData(Entry e) throws IOException {
            int count = (int) e.count;
            float[] out = new float[knownSize >= 0 ? count : Math.min(count, CHUNK)];
            byte[] chunk = new byte[CHUNK];
            ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
            int k = 0;
            long remaining = e.end - e.begin;
            while (remaining > 0) {
                int want = (int) Math.min(CHUNK, remaining);
                int got = in.readNBytes(chunk, 0, want);
                if (got < want) {
                    throw error("ends inside tensor '" + e.name + "' (data_offsets [" + e.begin + ", " + e.end + "]): "
                            + (e.end - remaining + got) + " bytes of the data section present (truncated)");
                }
                int n = got / e.itemSize;
                if (k + n > out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(count, Math.max(2L * out.length, k + n)));
                }
                buf.clear();
                switch (e.dtype) {
                    case "F32" -> buf.asFloatBuffer().get(out, k, n);
                    case "F64" -> {
                        for (int i = 0; i < n; i++) {
                            out[k + i] = (float) buf.getDouble(i * 8);
                        }
                    }
                    case "F16" -> {
                        for (int i = 0; i < n; i++) {
                            out[k + i] = Float.float16ToFloat(buf.getShort(i * 2));
                        }
                    }
                    case "BF16" -> {
                        for (int i = 0; i < n; i++) {
                            out[k + i] = Float.intBitsToFloat((buf.getShort(i * 2) & 0xffff) << 16);
                        }
                    }
                    default -> throw new AssertionError(e.dtype);
                }
                k += n;
                remaining -= got;
            }
            return out;
        }

        private ModelFormatException error(String message) {
            return new ModelFormatException(source + ": " + message);
        }
    }
}
