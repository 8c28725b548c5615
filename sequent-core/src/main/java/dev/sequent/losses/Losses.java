package dev.sequent.losses;

import dev.sequent.tensor.Tensor;
import java.util.Map;

/** TEMPORARY stand-in until the losses branch lands. */
public final class Losses {
    private Losses() {
    }

    public static Loss get(String name) {
        return new Loss() {
            @Override
            public String name() {
                return "binary_crossentropy";
            }

            @Override
            public String className() {
                return "BinaryCrossentropy";
            }

            @Override
            public Map<String, Object> config() {
                return Map.of();
            }

            @Override
            public double compute(Tensor yTrue, Tensor yPred, Tensor gradOut) {
                float[] y = yTrue.data();
                float[] p = yPred.data();
                double sum = 0;
                int n = p.length;
                for (int i = 0; i < n; i++) {
                    double q = Math.min(Math.max(p[i], 1e-7), 1 - 1e-7);
                    sum += -(y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q));
                    if (gradOut != null) {
                        gradOut.data()[i] = (float) ((-y[i] / q + (1 - y[i]) / (1 - q)) / n);
                    }
                }
                return sum / n;
            }
        };
    }
}
