package dev.sequent.keras;

import dev.sequent.saving.Json;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Helpers for the export tests: the authentic Keras files, zip entries, and an HDF5 tree read with jhdf. */
final class ExportFixtures {
    private ExportFixtures() {
    }

    /**
     * The folder of authentic Keras files: the first {@code shared/keras-models} found walking up
     * from the working directory (Maven runs tests from the module's folder), or {@code null}.
     */
    static Path kerasModels() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("keras-models");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The entries of a zip, by name, in archive order. */
    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                out.put(e.getName(), z.readAllBytes());
            }
        }
        return out;
    }

    static Map<String, Object> json(byte[] bytes) {
        return Json.readMap(bytes, "test");
    }

    /**
     * The HDF5 tree as {@code path -> description}: for a group its attributes, for a dataset its
     * shape, element type and attributes. Attribute values are shown as read (jhdf returns a
     * {@code String} for a string attribute, whether fixed or variable length).
     */
    static Map<String, String> tree(byte[] h5) {
        Map<String, String> out = new TreeMap<>();
        try (HdfFile file = HdfFile.fromBytes(h5)) {
            out.put("/", "G " + attributes(file));
            walk(file, out);
        }
        return out;
    }

    private static void walk(Group group, Map<String, String> out) {
        for (Node n : group.getChildren().values()) {
            String path = n.getPath();
            if (n instanceof Dataset d) {
                out.put(path, "D " + Arrays.toString(d.getDimensions()) + " " + d.getJavaType().getSimpleName()
                        + (d.isScalar() ? " scalar" : "") + " " + attributes(d));
            } else if (n instanceof Group g) {
                out.put(path, "G " + attributes(g));
                walk(g, out);
            }
        }
    }

    private static String attributes(Node node) {
        Map<String, String> a = new TreeMap<>();
        for (Map.Entry<String, Attribute> e : node.getAttributes().entrySet()) {
            Object v = e.getValue().getData();
            a.put(e.getKey(), (v instanceof String ? "str:" : v.getClass().getSimpleName() + ":") + v);
        }
        return a.toString();
    }
}
