package dev.sequent.keras.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.checksum.JenkinsLookup3HashLittle;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5WriterTest {

    @Test
    void lookup3AgreesWithJhdfsIndependentImplementation() {
        SplittableRandom random = new SplittableRandom(7);
        for (int length = 0; length < 80; length++) {
            byte[] bytes = new byte[length + 3];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            byte[] slice = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
            assertEquals(JenkinsLookup3HashLittle.hash(ByteBuffer.wrap(slice)), Lookup3.hash(bytes, 3, length),
                    "length " + length);
        }
    }

    @Test
    void jhdfReadsBackGroupsDatasetsAndStringAttributes(@TempDir Path dir) throws Exception {
        Hdf5Writer w = new Hdf5Writer();
        float[] kernel = new float[4 * 3 * 2];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = i * 0.25f - 2;
        }
        w.attribute("layers/conv1d/vars", "name", "conv1d_7");
        w.floats("layers/conv1d/vars/0", new int[] {4, 3, 2}, kernel);
        w.floats("layers/conv1d/vars/1", new int[] {2}, new float[] {Float.MIN_VALUE, -0f});
        w.group("layers/dropout/vars");
        w.attribute("optimizer/vars", "name", "rmsprop");
        w.int64Scalar("optimizer/vars/0", 1234567890123L);
        w.float32Scalar("optimizer/vars/1", 0.001f);
        for (int i = 2; i < 60; i++) { // more links than one group node of a version 0 file would hold
            w.floats("optimizer/vars/" + i, new int[] {1}, new float[] {i});
        }
        w.attribute("vars", "name", "sequential_\u00e9");
        Path file = dir.resolve("t.h5");
        Files.write(file, w.toBytes());

        try (HdfFile h = new HdfFile(file)) {
            assertTrue(h.getAttributes().isEmpty(), "no root attributes");
            assertEquals(List.of("layers", "optimizer", "vars"), List.copyOf(h.getChildren().keySet()));
            Dataset k = h.getDatasetByPath("layers/conv1d/vars/0");
            assertArrayEquals(new int[] {4, 3, 2}, k.getDimensions());
            assertEquals(float.class, k.getJavaType());
            float[][][] read = (float[][][]) k.getData();
            assertEquals(kernel[1 * 6 + 2 * 2 + 1], read[1][2][1]);
            assertEquals(kernel[23], read[3][2][1]);
            float[] bias = (float[]) h.getDatasetByPath("layers/conv1d/vars/1").getData();
            assertEquals(Float.floatToRawIntBits(Float.MIN_VALUE), Float.floatToRawIntBits(bias[0]));
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(bias[1]));
            assertEquals("conv1d_7", ((Group) h.getByPath("layers/conv1d/vars")).getAttribute("name").getData());
            assertTrue(((Group) h.getByPath("layers/dropout/vars")).getChildren().isEmpty());
            Dataset it = h.getDatasetByPath("optimizer/vars/0");
            assertTrue(it.isScalar());
            assertEquals(1234567890123L, it.getData());
            assertEquals(0.001f, h.getDatasetByPath("optimizer/vars/1").getData());
            assertEquals(60, ((Group) h.getByPath("optimizer/vars")).getChildren().size());
            assertEquals(59f, ((float[]) h.getDatasetByPath("optimizer/vars/59").getData())[0]);
            assertEquals("sequential_\u00e9", ((Group) h.getByPath("vars")).getAttribute("name").getData());
        }
    }

    @Test
    void refusesWhatItCannotWrite() {
        Hdf5Writer w = new Hdf5Writer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.floats("a/b", new int[] {2, 2}, new float[3]));
        assertEquals("dataset 'a/b': shape [2, 2] holds 4 values but 3 were given", e.getMessage());
        w.floats("a/b", new int[] {1}, new float[1]);
        assertThrows(IllegalArgumentException.class, () -> w.floats("a/b", new int[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> w.group("a/b/c"));
        assertThrows(IllegalArgumentException.class, () -> w.floats("", new int[] {1}, new float[1]));
    }
}
