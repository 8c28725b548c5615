package dev.sequent.layers;

import dev.sequent.tensor.Tensor;
import java.util.List;

/**
 * A layer that takes raw strings, as Keras's {@code TextVectorization} does. Placed first in a
 * {@code Sequential}, it lets the model be fitted on and predict from text: the model encodes
 * each batch of strings with {@link #encode} and feeds the result to the next layer. Its
 * {@code outputShape} is given for the input shape {@code []} (one string per sample).
 */
public interface StringInput {

    /** Encodes a batch of strings into the tensor the next layer receives, {@code (texts.size(), ...)}. */
    Tensor encode(List<String> texts);
}
