package dev.sequent.cli;

import dev.sequent.layers.Layer;
import dev.sequent.layers.LayerRegistry;
import dev.sequent.models.Sequential;
import dev.sequent.saving.Json;
import dev.sequent.tensor.Tensor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Variations of an experiment's model without code, as the book's "going even further" lists
 * them (other units, another recurrent cell, another learning rate, another Dense width, more or
 * less dropout, or a model of one's own): each experiment builds its model as the book does, then
 * hands it to {@link #applyTo}, which rewrites the model's config ({@link Sequential#getConfig()})
 * and builds the variant from it ({@link Sequential#fromConfig(Map, long)}) with the same seed.
 * The experiment keeps its data and its training setup.
 *
 * <p>An override that has nothing to act on (no recurrent layer for {@code --units}, no hidden
 * Dense layer for {@code --dense-units}, no compile settings for {@code --learning-rate}) is an
 * error naming the experiment and why, never silently ignored.
 *
 * @param units the units of every recurrent layer, both directions of a Bidirectional included;
 *              null keeps the experiment's
 * @param cell the class every recurrent layer becomes, keeping its units, {@code return_sequences},
 *             {@code go_backwards}, dropouts and activations; keys only one class has
 *             ({@code unit_forget_bias}, {@code reset_after}) take the new class's Keras defaults.
 *             Null keeps each layer's class
 * @param learningRate the optimizer's learning rate; null keeps the experiment's
 * @param denseUnits the units of every Dense layer but the output layer (the last Dense); null keeps them
 * @param dropout the input dropout of the recurrent layers and the rate of the Dropout layers, in
 *                [0, 1); recurrent dropout is left as it is. Null keeps them
 * @param model a JSON model config (as {@link Sequential#toJson()} writes it, or the
 *              {@code config.json} of a {@code .sequent} archive) to train instead of the
 *              experiment's model, with the experiment's compile settings when it has none and
 *              the experiment's input shape when it gives none; null keeps the experiment's model.
 *              The other overrides then apply to this model
 */
public record ModelOverrides(Integer units, RecurrentCell cell, Double learningRate, Integer denseUnits, Double dropout, Path model) {

    /** No override: {@link #applyTo} returns the experiment's model as it is. */
    public static final ModelOverrides NONE = new ModelOverrides(null, null, null, null, null, null);

    /** Recurrent-layer keys worth naming when {@code --cell} keeps them. */
    private static final List<String> KEPT_KEYS = List.of("units", "activation", "recurrent_activation", "use_bias",
            "return_sequences", "go_backwards", "dropout", "recurrent_dropout");

    /**
     * Checks the values. Throws {@link IllegalArgumentException} naming the option when {@code units} or
     * {@code denseUnits} is below 1, {@code learningRate} is not a positive finite number (as a float too), or
     * {@code dropout} is outside [0, 1).
     */
    public ModelOverrides {
        if (units != null && units < 1) {
            throw new IllegalArgumentException("--units must be at least 1, got " + units);
        }
        if (denseUnits != null && denseUnits < 1) {
            throw new IllegalArgumentException("--dense-units must be at least 1, got " + denseUnits);
        }
        if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate) && (float) (double) learningRate > 0)) {
            throw new IllegalArgumentException("--learning-rate must be a positive number, got " + learningRate);
        }
        if (dropout != null && !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
    }

    /** Whether nothing is overridden. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The overrides as command-line options, e.g. {@code --units 64 --cell lstm}. */
    public String flags() {
        List<String> parts = new ArrayList<>();
        params().forEach((key, v) -> parts.add("--" + key.replace('_', '-') + " " + value(v)));
        return String.join(" ", parts);
    }

    /** The overrides for a run's JSON params, keyed {@code units}, {@code cell}, {@code learning_rate}, ... (only those set). */
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (model != null) {
            p.put("model", model.toString());
        }
        if (cell != null) {
            p.put("cell", cell.option());
        }
        if (units != null) {
            p.put("units", units);
        }
        if (denseUnits != null) {
            p.put("dense_units", denseUnits);
        }
        if (dropout != null) {
            p.put("dropout", dropout);
        }
        if (learningRate != null) {
            p.put("learning_rate", learningRate);
        }
        return p;
    }

    /**
     * The model {@code experiment} trains: {@code model} itself when nothing is overridden, else
     * the variant the overrides describe, built for the same input and with weights drawn from
     * {@code seed}. Every experiment calls this once on the model it built, so that each override
     * means the same everywhere.
     *
     * @throws IllegalArgumentException if an override does not apply to the experiment's model, naming the experiment and why
     */
    public Sequential applyTo(Experiment experiment, Sequential model, long seed) {
        if (isEmpty()) {
            return model;
        }
        OverriddenConfig rewritten = rewrite(experiment, model);
        Sequential variant;
        try {
            variant = Sequential.fromConfig(rewritten.config(), seed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(experiment.name() + " with " + flags() + ": " + e.getMessage(), e);
        }
        if (this.model != null && !Layer.compatible(model.outputShape(), variant.outputShape())) {
            throw new IllegalArgumentException("--model " + this.model + " gives outputs " + Tensor.formatShape(Layer.batched(variant.outputShape()))
                    + " but " + experiment.name() + "'s targets are " + Tensor.formatShape(Layer.batched(model.outputShape())));
        }
        return variant;
    }

    /** What {@link #applyTo} does to {@code model}, the experiment's: the new config and a line per change. */
    OverriddenConfig rewrite(Experiment experiment, Sequential model) {
        experiment.checkOverrides(this);
        return rewrite(experiment.name(), model.getConfig(), this.model == null ? null : readModel());
    }

    /** The config in {@link #model}, as it is in the file. */
    Map<String, Object> readModel() {
        try {
            return Sequential.readConfig(model);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--model " + model + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("--model " + model + ": cannot read it: " + e, e);
        }
    }

    /**
     * Rewrites a copy of {@code experimentConfig}, or of {@code fileConfig} (from {@code --model})
     * when it is not null; neither is changed.
     *
     * @param experiment the experiment's name, for the errors
     */
    OverriddenConfig rewrite(String experiment, Map<String, Object> experimentConfig, Map<String, Object> fileConfig) {
        List<String> changes = new ArrayList<>();
        Map<String, Object> root = fileConfig == null ? Json.copyMap(experimentConfig) : fromFile(experiment, experimentConfig, fileConfig, changes);
        List<Map<String, Object>> layers = layers(root);
        // Keras writes each layer's input shape beside it; a change upstream makes the later ones stale, and
        // fromConfig rebuilds them all from the model's input shape anyway.
        for (Map<String, Object> l : layers) {
            l.remove("build_config");
        }
        if (cell != null) {
            changeCell(experiment, layers, changes);
        }
        if (units != null) {
            changeUnits(experiment, layers, changes);
        }
        if (denseUnits != null) {
            changeDenseUnits(experiment, layers, changes);
        }
        if (dropout != null) {
            changeDropout(experiment, layers, changes);
        }
        if (learningRate != null) {
            changeLearningRate(experiment, root, changes);
        }
        return new OverriddenConfig(root, changes);
    }

    // ---- --model ------------------------------------------------------------------------------

    private Map<String, Object> fromFile(String experiment, Map<String, Object> experimentConfig, Map<String, Object> fileConfig,
                                         List<String> changes) {
        Map<String, Object> root = Json.copyMap(fileConfig);
        if (!root.containsKey("class_name") && root.get("layers") instanceof List<?>) {
            // the inner dictionary of Keras's get_config(), which Sequential.fromConfig accepts too
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("class_name", "Sequential");
            wrapped.put("config", root);
            root = wrapped;
        }
        if (!"Sequential".equals(root.get("class_name")) || !(root.get("config") instanceof Map<?, ?> inner)
                || !(inner.get("layers") instanceof List<?> list) || list.stream().anyMatch(o -> !(o instanceof Map<?, ?>))) {
            throw new IllegalArgumentException("--model " + model + ": expected a Sequential model config with a config.layers list "
                    + "(as Sequential.toJson() writes it), found class_name " + root.get("class_name"));
        }
        List<Map<String, Object>> layers = layers(root);
        List<String> classes = new ArrayList<>();
        for (Map<String, Object> l : layers) {
            if (!"InputLayer".equals(l.get("class_name"))) {
                classes.add(String.valueOf(l.get("class_name")));
            }
        }
        changes.add("model: " + model + " (" + classes.size() + " layers: " + String.join(", ", classes) + ") instead of "
                + experiment + "'s");
        List<Object> expectedInput = inputShape(experimentConfig);
        List<Object> fileInput = inputShape(root);
        if (fileInput == null) {
            layers.add(0, Json.copyMap(layers(experimentConfig).get(0)));
            changes.add("input: " + experiment + "'s " + shape(expectedInput) + " (the file gives no input shape)");
        } else if (!compatible(expectedInput, fileInput)) {
            throw new IllegalArgumentException("--model " + model + " takes inputs " + shape(fileInput) + " but " + experiment
                    + " feeds " + shape(expectedInput));
        }
        if (!root.containsKey("compile_config") || root.get("compile_config") == null) {
            Object compile = experimentConfig.get("compile_config");
            if (compile == null) {
                throw new IllegalArgumentException("--model " + model + " has no compile settings, and " + experiment
                        + " has none to lend it: it is a model the book only shows with summary");
            }
            root.put("compile_config", Json.copy(compile));
            changes.add("compile settings: " + experiment + "'s, " + describeCompile(compile) + " (the file has none)");
        }
        return root;
    }

    /** The batch input shape of a config: its InputLayer's, else its build_config's, else null. */
    private static List<Object> inputShape(Map<String, Object> root) {
        for (Map<String, Object> l : layers(root)) {
            if ("InputLayer".equals(l.get("class_name")) && l.get("config") instanceof Map<?, ?> c && c.get("batch_shape") instanceof List<?> s) {
                return List.copyOf(nullable(s));
            }
        }
        if (root.get("build_config") instanceof Map<?, ?> b && b.get("input_shape") instanceof List<?> s) {
            return List.copyOf(nullable(s));
        }
        return null;
    }

    private static List<Object> nullable(List<?> shape) {
        List<Object> out = new ArrayList<>();
        for (Object d : shape) {
            out.add(d == null ? "None" : d);
        }
        return out;
    }

    private static boolean compatible(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (!"None".equals(x) && !"None".equals(y) && ((Number) x).intValue() != ((Number) y).intValue()) {
                return false;
            }
        }
        return true;
    }

    private static String shape(List<Object> shape) {
        List<String> parts = new ArrayList<>();
        for (Object d : shape) {
            parts.add(String.valueOf(d));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static String describeCompile(Object compile) {
        if (!(compile instanceof Map<?, ?> c)) {
            return String.valueOf(compile);
        }
        Object opt = c.get("optimizer") instanceof Map<?, ?> o ? o.get("class_name") : c.get("optimizer");
        Object loss = c.get("loss") instanceof Map<?, ?> l && l.get("config") instanceof Map<?, ?> lc && lc.get("name") != null
                ? lc.get("name") : c.get("loss") instanceof Map<?, ?> l2 ? l2.get("class_name") : c.get("loss");
        return opt + ", " + loss + (c.get("metrics") instanceof List<?> m && !m.isEmpty() ? ", metrics " + m : "");
    }

    // ---- the rewrites -------------------------------------------------------------------------

    /** One recurrent layer of the model: a top-level one, or a Bidirectional with its two directions. */
    private record Recurrent(Map<String, Object> entry, List<Map<String, Object>> cells) {
        boolean bidirectional() {
            return "Bidirectional".equals(entry.get("class_name"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Recurrent> recurrent(List<Map<String, Object>> layers) {
        List<Recurrent> out = new ArrayList<>();
        for (Map<String, Object> l : layers) {
            if (RecurrentCell.isRecurrent(l.get("class_name"))) {
                out.add(new Recurrent(l, List.of(l)));
            } else if ("Bidirectional".equals(l.get("class_name")) && config(l).get("layer") instanceof Map<?, ?> inner
                    && RecurrentCell.isRecurrent(inner.get("class_name"))) {
                List<Map<String, Object>> cells = new ArrayList<>();
                cells.add((Map<String, Object>) inner);
                if (config(l).get("backward_layer") instanceof Map<?, ?> back) {
                    cells.add((Map<String, Object>) back);
                }
                out.add(new Recurrent(l, cells));
            }
        }
        return out;
    }

    private void changeCell(String experiment, List<Map<String, Object>> layers, List<String> changes) {
        List<Recurrent> found = recurrent(layers);
        if (found.isEmpty()) {
            throw notApplicable("--cell", experiment, "it has no recurrent layer to change", layers);
        }
        // Recurrent layers named as Keras names them (gru, lstm_1) are named again after their (new) class, in
        // order, as Keras would have named them; the names are chosen here, against every name kept, so that no
        // two layers end up with the same one.
        Set<Map<String, Object>> renamed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Recurrent r : found) {
            if (!r.bidirectional() && defaultName(r.entry())) {
                renamed.add(r.entry());
            }
        }
        Set<String> taken = new HashSet<>();
        for (Map<String, Object> l : layers) {
            if (!renamed.contains(l) && config(l).get("name") instanceof String n) {
                taken.add(n);
            }
        }
        for (Recurrent r : found) {
            String oldClass = (String) r.cells().get(0).get("class_name");
            String oldLabel = label(r);
            boolean already = oldClass.equals(cell.className());
            String detail = null;
            if (!already) {
                for (Map<String, Object> c : r.cells()) {
                    String d = convert(c, cell);
                    detail = detail == null ? d : detail;
                }
            }
            if (r.bidirectional() && !already) {
                renameInner(r.cells().get(0), "forward_", oldClass);
                if (r.cells().size() > 1) {
                    renameInner(r.cells().get(1), "backward_", oldClass);
                }
            } else if (renamed.contains(r.entry())) {
                String base = Layer.snakeCase(cell.className());
                String name = base;
                for (int i = 1; taken.contains(name); i++) {
                    name = base + "_" + i;
                }
                taken.add(name);
                config(r.entry()).put("name", name);
            }
            if (already) {
                String now = name(r.entry());
                changes.add(oldLabel + ": already " + cell.className() + (oldLabel.startsWith(now + " ") ? "" : ", now named " + now));
            } else {
                changes.add(oldLabel + " -> " + label(r) + detail);
            }
        }
    }

    /** Whether a layer entry has the name Keras would give it ({@code lstm}, {@code lstm_2}). */
    private static boolean defaultName(Map<String, Object> entry) {
        return config(entry).get("name") instanceof String n && entry.get("class_name") instanceof String cls
                && n.matches(Pattern.quote(Layer.snakeCase(cls)) + "(_\\d+)?");
    }

    private void renameInner(Map<String, Object> entry, String prefix, String oldClass) {
        if (config(entry).get("name") instanceof String n && n.equals(prefix + Layer.snakeCase(oldClass))) {
            config(entry).put("name", prefix + Layer.snakeCase(cell.className()));
        }
    }

    /**
     * Turns one recurrent layer entry into {@code target} in place: every key both classes have
     * keeps its value, the others take the target's Keras defaults. Returns what was kept and what
     * took a default, for the change line.
     */
    private static String convert(Map<String, Object> entry, RecurrentCell target) {
        Map<String, Object> old = config(entry);
        Map<String, Object> defaults = LayerRegistry.fromConfig(target.className(), Map.of("units", old.get("units"))).config();
        Map<String, Object> converted = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        List<String> defaulted = new ArrayList<>();
        for (Map.Entry<String, Object> d : defaults.entrySet()) {
            String key = d.getKey();
            if (old.containsKey(key)) {
                converted.put(key, old.get(key));
                if (KEPT_KEYS.contains(key)) {
                    kept.add(key + " " + value(old.get(key)));
                }
            } else {
                converted.put(key, d.getValue());
                defaulted.add(key + " " + value(d.getValue()));
            }
        }
        List<String> dropped = new ArrayList<>();
        for (String key : old.keySet()) {
            if (!defaults.containsKey(key)) {
                dropped.add(key);
            }
        }
        entry.put("class_name", target.className());
        entry.put("config", converted);
        return ", keeping " + String.join(", ", kept)
                + (defaulted.isEmpty() ? "" : "; " + String.join(", ", defaulted) + " (" + target.className() + "'s Keras default)")
                + (dropped.isEmpty() ? "" : "; " + String.join(", ", dropped) + " dropped (" + target.className() + " has none)");
    }

    private void changeUnits(String experiment, List<Map<String, Object>> layers, List<String> changes) {
        List<Recurrent> found = recurrent(layers);
        if (found.isEmpty()) {
            boolean hidden = layers.stream().filter(l -> "Dense".equals(l.get("class_name"))).count() > 1;
            throw notApplicable("--units", experiment, "it has no recurrent layer", layers,
                    hidden ? "--dense-units changes its hidden Dense layers" : null);
        }
        for (Recurrent r : found) {
            Object before = null;
            for (Map<String, Object> c : r.cells()) {
                before = config(c).put("units", units);
            }
            changes.add(label(r) + ": units " + value(before) + " -> " + units + (r.bidirectional() ? " in each direction" : ""));
        }
    }

    private void changeDenseUnits(String experiment, List<Map<String, Object>> layers, List<String> changes) {
        List<Map<String, Object>> dense = new ArrayList<>();
        for (Map<String, Object> l : layers) {
            if ("Dense".equals(l.get("class_name"))) {
                dense.add(l);
            }
        }
        if (dense.size() < 2) {
            throw notApplicable("--dense-units", experiment, dense.isEmpty() ? "it has no Dense layer"
                    : "its only Dense layer, " + name(dense.get(0)) + ", is the output layer", layers);
        }
        for (Map<String, Object> d : dense.subList(0, dense.size() - 1)) {
            Object before = config(d).put("units", denseUnits);
            changes.add(name(d) + " (Dense): units " + value(before) + " -> " + denseUnits);
        }
    }

    private void changeDropout(String experiment, List<Map<String, Object>> layers, List<String> changes) {
        List<Recurrent> found = recurrent(layers);
        List<Map<String, Object>> dropouts = new ArrayList<>();
        for (Map<String, Object> l : layers) {
            if ("Dropout".equals(l.get("class_name"))) {
                dropouts.add(l);
            }
        }
        if (found.isEmpty() && dropouts.isEmpty()) {
            throw notApplicable("--dropout", experiment, "it has neither a recurrent layer nor a Dropout layer", layers);
        }
        List<String> where = new ArrayList<>();
        if (!found.isEmpty()) {
            where.add("the input dropout of " + found.size() + " recurrent layer" + (found.size() == 1 ? "" : "s"));
        }
        if (!dropouts.isEmpty()) {
            where.add("the rate of " + dropouts.size() + " Dropout layer" + (dropouts.size() == 1 ? "" : "s"));
        }
        changes.add("--dropout " + value(dropout) + " sets " + String.join(" and ", where)
                + (found.isEmpty() ? "" : "; recurrent dropout stays as it is"));
        for (Recurrent r : found) {
            Object before = null;
            for (Map<String, Object> c : r.cells()) {
                before = config(c).put("dropout", dropout);
            }
            changes.add(label(r) + ": input dropout " + value(before) + " -> " + value(dropout) + " (recurrent dropout "
                    + value(config(r.cells().get(0)).get("recurrent_dropout")) + ")");
        }
        for (Map<String, Object> d : dropouts) {
            Object before = config(d).put("rate", dropout);
            changes.add(name(d) + " (Dropout): rate " + value(before) + " -> " + value(dropout));
        }
    }

    @SuppressWarnings("unchecked")
    private void changeLearningRate(String experiment, Map<String, Object> root, List<String> changes) {
        if (!(root.get("compile_config") instanceof Map<?, ?> compile)) {
            throw new IllegalArgumentException("--learning-rate does not apply to " + experiment + ": its model is not compiled "
                    + "(it is a model the book only shows with summary)");
        }
        Map<String, Object> c = (Map<String, Object>) compile;
        Object opt = c.get("optimizer");
        if (opt instanceof String s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class_name", s);
            m.put("config", new LinkedHashMap<>());
            c.put("optimizer", m);
            opt = m;
        }
        if (!(opt instanceof Map<?, ?> o) || !(o.get("class_name") instanceof String cls)) {
            throw new IllegalArgumentException("--learning-rate does not apply to " + experiment + ": cannot read its optimizer from "
                    + opt);
        }
        Map<String, Object> optimizer = (Map<String, Object>) o;
        if (!(optimizer.get("config") instanceof Map<?, ?>)) {
            optimizer.put("config", new LinkedHashMap<>());
        }
        Object before = ((Map<String, Object>) optimizer.get("config")).put("learning_rate", learningRate);
        changes.add("optimizer (" + cls + "): learning rate " + (before == null ? "Keras's default" : value(before)) + " -> "
                + value(learningRate));
    }

    // ---- helpers ------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> layers(Map<String, Object> root) {
        Map<String, Object> inner = (Map<String, Object>) root.get("config");
        return (List<Map<String, Object>>) inner.get("layers");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> entry) {
        if (!(entry.get("config") instanceof Map<?, ?>)) {
            entry.put("config", new LinkedHashMap<>());
        }
        return (Map<String, Object>) entry.get("config");
    }

    private static String name(Map<String, Object> entry) {
        return config(entry).get("name") instanceof String n ? n : "unnamed";
    }

    private static String label(Recurrent r) {
        if (r.bidirectional()) {
            return name(r.entry()) + " (Bidirectional(" + r.cells().get(0).get("class_name") + "))";
        }
        return name(r.entry()) + " (" + r.entry().get("class_name") + ")";
    }

    private IllegalArgumentException notApplicable(String option, String experiment, String why, List<Map<String, Object>> layers) {
        return notApplicable(option, experiment, why, layers, null);
    }

    private IllegalArgumentException notApplicable(String option, String experiment, String why, List<Map<String, Object>> layers,
                                                   String hint) {
        List<String> classes = new ArrayList<>();
        for (Map<String, Object> l : layers) {
            if (!"InputLayer".equals(l.get("class_name"))) {
                classes.add(String.valueOf(l.get("class_name")));
            }
        }
        String whose = model != null ? "the model of " + model + " (given to " + experiment + ")" : experiment;
        return new IllegalArgumentException(option + " does not apply to " + whose + ": " + why + " (its layers: "
                + String.join(", ", classes) + ")" + (hint == null ? "" : "; " + hint));
    }

    /**
     * A config value as a reader would write it: {@code 0.0005}, not {@code 5.0E-4}, and {@code 0.2}
     * for a float rate a layer widened to {@code 0.20000000298023224}.
     */
    private static String value(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if ((double) (float) d == d) {
                d = Double.parseDouble(Float.toString((float) d));
            }
            if (Double.isFinite(d)) {
                String plain = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
                return plain.contains(".") ? plain : plain + ".0";
            }
        }
        return String.valueOf(v);
    }
}
