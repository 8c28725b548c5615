package dev.sequent.models;

import dev.sequent.layers.StringInput;
import dev.sequent.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code x} side of fit, evaluate and predict: samples in a tensor, or raw strings that the
 * model's first layer encodes one batch at a time (so a large multi-hot encoding is never held
 * for the whole dataset).
 */
sealed interface Inputs {

    int size();

    /** The shape of one sample as the model's first layer receives it, without the batch. */
    int[] sampleShape();

    Inputs slice(int from, int to);

    /** Samples {@code order[from..to)} as the tensor the first computing layer receives; {@code reuse} may be filled instead of allocating. */
    Tensor batch(int[] order, int from, int to, Tensor reuse);

    /** Samples {@code [from, to)} in order. */
    Tensor range(int from, int to);

    /** Samples held in a tensor, batch first. */
    record OfTensor(Tensor x) implements Inputs {
        @Override
        public int size() {
            return x.dim(0);
        }

        @Override
        public int[] sampleShape() {
            return Arrays.copyOfRange(x.shape(), 1, x.rank());
        }

        @Override
        public Inputs slice(int from, int to) {
            return new OfTensor(x.slice(from, to));
        }

        @Override
        public Tensor batch(int[] order, int from, int to, Tensor reuse) {
            int[] shape = x.shape();
            shape[0] = to - from;
            Tensor out = Tensor.reuse(reuse, shape);
            int per = x.sampleSize();
            float[] src = x.data();
            float[] dst = out.data();
            for (int i = from; i < to; i++) {
                System.arraycopy(src, order[i] * per, dst, (i - from) * per, per);
            }
            return out;
        }

        @Override
        public Tensor range(int from, int to) {
            return x.slice(from, to);
        }
    }

    /** Raw strings, encoded per batch by the model's first layer. */
    record OfStrings(List<String> texts, StringInput encoder) implements Inputs {
        @Override
        public int size() {
            return texts.size();
        }

        @Override
        public int[] sampleShape() {
            return new int[0];
        }

        @Override
        public Inputs slice(int from, int to) {
            return new OfStrings(texts.subList(from, to), encoder);
        }

        @Override
        public Tensor batch(int[] order, int from, int to, Tensor reuse) {
            List<String> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                batch.add(texts.get(order[i]));
            }
            return encoder.encode(batch);
        }

        @Override
        public Tensor range(int from, int to) {
            return encoder.encode(texts.subList(from, to));
        }
    }
}
