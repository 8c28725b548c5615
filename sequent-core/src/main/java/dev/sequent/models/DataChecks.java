package dev.sequent.models;

import dev.sequent.layers.Embedding;
import dev.sequent.layers.Layer;
import dev.sequent.tensor.Tensor;
import java.util.List;

/**
 * The data checks at the entry points of {@link Sequential} ({@code fit}, {@code evaluate},
 * {@code predict}, {@code trainOnBatch}, and each generator batch): every value must be a finite
 * number, and token ids must be whole numbers inside the first Embedding's vocabulary.
 *
 * <p>Why refuse rather than let {@code TerminateOnNaN} stop the run (Keras checks neither): one NaN
 * in the inputs or targets turns the first batch that holds it into a NaN loss and NaN weights,
 * and from then on every prediction is NaN; {@code TerminateOnNaN} can only say in which batch
 * that happened, after shuffling, while the data's own sample index is what a user needs to fix
 * the data. The scan reads each value once per call, which is small beside one forward pass.
 * A token id outside the vocabulary is checked here too, where the sample index is still known
 * (inside the layer, after shuffling, only the position in the batch is).
 */
final class DataChecks {
    private DataChecks() {
    }

    /**
     * Checks a model's data: the inputs when they are a tensor (strings are the text layer's to
     * check), and the targets when given.
     *
     * @param xName  how the message names the inputs, e.g. {@code "x"} or {@code "validation x"}
     * @param yName  how it names the targets
     * @param y      the targets, or null (predict)
     * @param layers the model's layers; a tensor input goes to the first one
     */
    static void check(String xName, Inputs x, String yName, Tensor y, List<Layer> layers) {
        if (x instanceof Inputs.OfTensor t) {
            check(xName, t.x(), yName, y, layers);
        } else if (y != null) {
            finite(yName, y);
        }
    }

    /** {@link #check(String, Inputs, String, Tensor, List)} for a tensor of inputs. */
    static void check(String xName, Tensor x, String yName, Tensor y, List<Layer> layers) {
        if (!layers.isEmpty() && layers.get(0) instanceof Embedding e) {
            tokenIds(xName, x, e);
        } else {
            finite(xName, x);
        }
        if (y != null) {
            finite(yName, y);
        }
    }

    /**
     * Checks the labels of a sparse loss: whole numbers in {@code [0, classes)}, named by the
     * data's sample index (the loss itself sees only a shuffled batch).
     */
    static void classLabels(String loss, Tensor y, int classes) {
        float[] data = y.data();
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (!(v >= 0 && v < classes && v == Math.rint(v))) {
                throw new IllegalArgumentException(loss + ": y sample " + i + " holds label " + v + ", expected a class index in [0, "
                        + classes + ") (the model's last layer has " + classes + " units)");
            }
        }
    }

    /**
     * Checks an input shape without the batch: every size at least 1, or -1 for unknown.
     *
     * @param prefix what comes before {@code "input shape (None, ...)"}, naming the model
     */
    static void inputShape(String prefix, int[] shape) {
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 1 && shape[d] != -1) {
                throw new IllegalArgumentException(prefix + " input shape (None" + rawSizes(shape) + "): dimension "
                        + (d + 1) + " is " + shape[d] + ", expected a size >= 1 or -1 (unknown)");
            }
        }
    }

    /** The sizes as given ({@code Tensor.formatShape} would show the bad negative one as None). */
    private static String rawSizes(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int v : shape) {
            sb.append(", ").append(v == -1 ? "None" : Integer.toString(v));
        }
        return sb.toString();
    }

    private static void finite(String what, Tensor t) {
        float[] data = t.data();
        if (allFinite(data)) {
            return;
        }
        int per = t.rank() == 0 ? 1 : Math.max(1, t.sampleSize());
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (Float.isNaN(v) || Float.isInfinite(v)) {
                throw new IllegalArgumentException(what + " holds " + v + " at sample " + i / per + position(t, i)
                        + "; every value must be a finite number (Sequent refuses NaN and infinite data rather than "
                        + "train on it: replace or drop that sample)");
            }
        }
    }

    private static void tokenIds(String what, Tensor x, Embedding e) {
        if (x.rank() != 2) {
            return; // the shape check names the expected (batch, length)
        }
        float[] data = x.data();
        if (allIds(data, e.inputDim())) {
            return;
        }
        int per = Math.max(1, x.sampleSize());
        int inputDim = e.inputDim();
        for (int i = 0; i < data.length; i++) {
            float f = data[i];
            if (!(f >= 0 && f < inputDim && f == Math.rint(f))) {
                String id = f == Math.rint(f) && Math.abs(f) < 1e9 ? Long.toString((long) f) : Float.toString(f);
                String why = Float.isNaN(f) || Float.isInfinite(f) || f != Math.rint(f)
                        ? "is not a whole number"
                        : f < 0 ? "is negative" : "is not below inputDim " + inputDim;
                throw new IllegalArgumentException(what + " sample " + i / per + position(x, i) + ": token id " + id + " " + why
                        + "; Embedding layer '" + e.name() + "' takes ids in [0, " + inputDim + ")"
                        + (f >= inputDim ? " (build the vocabulary with at most " + inputDim + " words, e.g. Tokenizer.numWords("
                                + inputDim + "), or give the Embedding a larger inputDim)" : ""));
            }
        }
    }

    /**
     * Whether every value is finite: the largest exponent field seen is not the all-ones of NaN
     * and infinity. Written as a branch-free integer max, which the JIT can compile to vector
     * code, because this runs on every batch of predict and fit; the slow loop that finds the
     * culprit runs only on failure.
     */
    static boolean allFinite(float[] data) {
        int maxExponent = 0;
        for (float v : data) {
            maxExponent = Math.max(maxExponent, Float.floatToRawIntBits(v) & 0x7f800000);
        }
        return maxExponent != 0x7f800000;
    }

    /**
     * Whether every value is a whole number in {@code [0, inputDim)}, conservatively: a true
     * answer is certain; a false one (including for -0.0, which is a valid id) sends the caller to
     * the exact loop. Branch-free for the same reason as {@link #allFinite}.
     */
    static boolean allIds(float[] data, int inputDim) {
        float min = 0;
        float max = 0;
        int fraction = 0;
        for (float v : data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            fraction |= Float.floatToRawIntBits(v - (int) v);
        }
        return min >= 0 && max < inputDim && fraction == 0;
    }

    /** {@code ", position 3"} or {@code ", position [3, 1]"} inside a sample, nothing for one value per sample. */
    private static String position(Tensor t, int flat) {
        int[] shape = t.shape();
        if (shape.length <= 1 || t.sampleSize() == 1) {
            return "";
        }
        int rest = flat % t.sampleSize();
        int[] idx = new int[shape.length - 1];
        for (int d = shape.length - 1; d >= 1; d--) {
            idx[d - 1] = rest % shape[d];
            rest /= shape[d];
        }
        return idx.length == 1 ? ", position " + idx[0] : ", position " + java.util.Arrays.toString(idx);
    }
}
