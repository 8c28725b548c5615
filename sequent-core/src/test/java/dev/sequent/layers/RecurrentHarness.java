package dev.sequent.layers;

import dev.sequent.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Test wrapper: runs a recurrent layer with a fixed time mask and, for stateful layers, fixed
 * initial states before every forward, so {@code GradientCheck} can probe those cases.
 */
final class RecurrentHarness extends Layer {
    private final RecurrentLayer<?> inner;
    private final Tensor mask;
    private final List<Tensor> states;

    RecurrentHarness(RecurrentLayer<?> inner, Tensor mask, List<Tensor> states) {
        this.inner = inner;
        this.mask = mask;
        this.states = states;
    }

    @Override
    public String className() {
        return inner.className();
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inner.outputShape(inputShape);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        if (states != null) {
            inner.resetStates(states);
        }
        return inner.forward(input, mask, training);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return inner.backward(gradOutput);
    }

    @Override
    public List<Parameter> parameters() {
        return inner.parameters();
    }

    @Override
    public void seed(long seed) {
        inner.seed(seed);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of();
    }

    @Override
    public String toString() {
        return inner.toString() + (mask != null ? " masked" : "") + (states != null ? " stateful" : "");
    }
}
