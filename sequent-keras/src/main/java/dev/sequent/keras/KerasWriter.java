package dev.sequent.keras;

import dev.sequent.keras.export.KerasExport;
import dev.sequent.models.Sequential;
import dev.sequent.saving.Json;
import dev.sequent.util.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a {@link Sequential} as a Keras 3 {@code .keras} file, the zip Keras 3's
 * {@code model.save("x.keras")} writes: {@code metadata.json}, {@code config.json},
 * {@code model.weights.h5} and, for layers that keep files (a TextVectorization's vocabulary),
 * {@code assets/...}; every entry stored uncompressed, as Keras stores them. The layout is
 * Keras 3.13's (see {@link KerasExport}); {@code Sequential.save(path, Format.KERAS)} comes here.
 */
public final class KerasWriter {
    private static final DateTimeFormatter DATE_SAVED = DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss");
    private static final LocalDateTime ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private KerasWriter() {
    }

    /**
     * Writes {@code model} to {@code path} atomically (a temporary file renamed into place, so an
     * existing file is either replaced whole or left as it was). The model must be built; when it
     * is compiled, the compile settings and the optimizer's state are written too.
     *
     * @throws IllegalArgumentException if the model holds something Keras 3 cannot express (the
     *     message names the layer or optimizer and the argument); nothing is written then
     * @throws IllegalStateException if the model is not built and its input shape is unknown
     */
    public static void write(Sequential model, Path path) throws IOException {
        write(model, path, true);
    }

    /**
     * {@link #write(Sequential, Path)}; with {@code withCompile} false, the file holds the
     * architecture, weights and assets only (no {@code compile_config}, no optimizer state), which
     * Keras 3 loads as an uncompiled model. That exports a model whose optimizer Keras 3 cannot
     * express, such as an RMSprop with Keras 2's epsilon.
     */
    public static void write(Sequential model, Path path, boolean withCompile) throws IOException {
        // everything is translated (and refused) before the file is touched
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("keras_version", KerasExport.KERAS_VERSION);
        metadata.put("date_saved", LocalDateTime.now().format(DATE_SAVED));
        entries.put("metadata.json", Json.writeCompact(metadata).getBytes(StandardCharsets.UTF_8));
        entries.put("config.json", Json.writeCompact(KerasExport.config(model, withCompile)).getBytes(StandardCharsets.UTF_8));
        entries.put("model.weights.h5", KerasExport.weights(model, withCompile).toBytes());
        entries.putAll(KerasExport.assets(model));
        LocalDateTime now = LocalDateTime.now();
        AtomicFiles.write(path, (OutputStream out) -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] bytes = e.getValue();
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setCrc(crc.getValue());
                // Keras's JSON entries carry zipfile's default date; the others the time of writing
                entry.setTimeLocal(e.getKey().endsWith(".json") ? ZIP_EPOCH : now);
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
            zip.finish();
        });
    }
}
