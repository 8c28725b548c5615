package dev.sequent.keras;

/**
 * One layer of a Keras file as {@code sequent inspect} lists it.
 *
 * @param name the layer's name in the file
 * @param className its Keras class ({@code "GRU"}, ...)
 * @param arguments its main arguments, e.g. {@code "units=32, return_sequences=true"}
 * @param params how many weight values the file holds for it (-1 when the file's weights could not be read)
 * @param problem why Sequent cannot import it, or null when it can
 */
public record KerasLayerInfo(String name, String className, String arguments, long params, String problem) {

    /** Whether Sequent imports this layer. */
    public boolean supported() {
        return problem == null;
    }
}
