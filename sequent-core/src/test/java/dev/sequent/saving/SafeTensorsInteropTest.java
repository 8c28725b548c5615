package dev.sequent.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sequent.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads reference/reference.safetensors, written by reference/make_safetensors.py straight from
 * the format specification (struct + json, no Sequent code), so a misreading of the format shared
 * by our writer and reader cannot go unnoticed.
 */
class SafeTensorsInteropTest {
    private static final String RESOURCE = "/reference/reference.safetensors";

    private static void assertValues(float[] expected, Tensor actual, int... shape) {
        assertArrayEquals(shape, actual.shape());
        assertArrayEquals(expected, actual.data(), 0f);
    }

    private static void check(SafeTensorsContents c) {
        assertEquals(Map.of("format", "pt", "producer", "make_safetensors.py"), c.metadata());
        // Data order of the reference writer: largest dtype first, then by name.
        assertEquals(List.of("double", "dense.bias", "dense.kernel", "empty", "scalar", "brain", "half"),
                List.copyOf(c.tensors().keySet()));
        assertValues(new float[] {0.5f, -1.25f, 2f, 3.5f, -0f, 100f}, c.tensor("dense.kernel"), 2, 3);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(c.tensor("dense.kernel").data()[4]));
        assertValues(new float[] {1, 2, 3}, c.tensor("dense.bias"), 3);
        assertValues(new float[] {42}, c.tensor("scalar"));
        assertValues(new float[0], c.tensor("empty"), 0, 4);
        assertValues(new float[] {1f, -2.5f, 0.099975586f, 65504f}, c.tensor("half"), 4);
        assertValues(new float[] {1f, -3f, 0.15625f, 256f}, c.tensor("brain"), 2, 2);
        assertValues(new float[] {(float) 0.1, (float) -1e-5}, c.tensor("double"), 2);
    }

    @Test
    void readsFileWrittenFromTheSpecification() throws IOException, URISyntaxException {
        var url = getClass().getResource(RESOURCE);
        assertNotNull(url, RESOURCE);
        check(SafeTensors.read(Path.of(url.toURI())));
        try (InputStream in = getClass().getResourceAsStream(RESOURCE)) {
            check(SafeTensors.read(in, RESOURCE, Long.MAX_VALUE));
        }
    }

    @Test
    void rewritesItAsFloat32() throws IOException {
        SafeTensorsContents original;
        try (InputStream in = getClass().getResourceAsStream(RESOURCE)) {
            original = SafeTensors.read(in.readAllBytes(), RESOURCE);
        }
        byte[] again = SafeTensors.toBytes(original.tensors(), original.metadata());
        check(SafeTensors.read(again, "rewritten"));
    }
}
