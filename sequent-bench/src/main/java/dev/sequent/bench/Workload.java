package dev.sequent.bench;

import dev.sequent.models.Sequential;
import dev.sequent.tensor.Tensor;
import java.util.List;

/**
 * A benchmark workload: a compiled model and a few pre-generated batches that are cycled while
 * timing, as the PyTorch reference ({@code shared/bench/torch_workloads.py}) does.
 *
 * @param name the workload's name, shared with the experiment and the reference script
 * @param description the model in one line
 * @param model a compiled, built model
 * @param batches input and target batches, {@code [x, y]} each
 */
public record Workload(String name, String description, Sequential model, List<Tensor[]> batches) {

    /** The samples per batch: the first dimension of the first batch's inputs. */
    public int batchSize() {
        return batches.get(0)[0].dim(0);
    }
}
