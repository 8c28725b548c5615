package dev.sequent.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelsProviderTest {

    @Test
    void choosesOnceAndExplainsWhy() {
        Kernels first = KernelsProvider.get();
        assertSame(first, KernelsProvider.get());
        String reason = KernelsProvider.selectionReason();
        assertFalse(reason.isBlank());
        assertTrue(reason.startsWith(first.name()), reason);
    }

    @Test
    void testsRunWithTheVectorApi() {
        // Surefire passes --add-modules jdk.incubator.vector: the vector back end must be chosen,
        // or every cross-test above would silently compare plain with itself.
        if (System.getProperty("sequent.kernels") == null) {
            assertTrue(KernelsProvider.get() instanceof VectorKernels, KernelsProvider.selectionReason());
        }
        assertTrue(KernelsProvider.vector().name().startsWith("vector-"));
        assertEquals("plain", KernelsProvider.plain().name());
    }
}
