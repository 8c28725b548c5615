package dev.sequent.cli;

import dev.sequent.util.Names;
import java.util.List;

/** The experiments {@code sequent} can list, summarize and run. */
public final class Experiments {
    private static final List<Experiment> ALL = all(
            List.of(new ImdbEmbeddingExperiment(), new ImdbGloveExperiment(true), new ImdbGloveExperiment(false),
                    new ImdbBigramExperiment()),
            ImdbRecurrentExperiment.all(),
            JenaExperiment.all());

    @SafeVarargs
    private static List<Experiment> all(List<Experiment>... groups) {
        List<Experiment> out = new java.util.ArrayList<>();
        for (List<Experiment> g : groups) {
            out.addAll(g);
        }
        return List.copyOf(out);
    }

    private Experiments() {
    }

    /** Every experiment, in {@code sequent list}'s order. */
    public static List<Experiment> all() {
        return ALL;
    }

    /**
     * The experiment of that command-line name. Throws {@link IllegalArgumentException} naming the known experiments
     * for an unknown one.
     */
    public static Experiment get(String name) {
        for (Experiment e : ALL) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException(Names.unknown("experiment", "experiments", name, ALL.stream().map(Experiment::name).toList())
                + " (see 'sequent list')");
    }
}
