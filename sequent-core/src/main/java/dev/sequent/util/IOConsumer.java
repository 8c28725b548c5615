package dev.sequent.util;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, so writers can be passed as lambdas without
 * wrapping every checked exception.
 */
@FunctionalInterface
public interface IOConsumer<T> {
    /** Consumes {@code value}, e.g. writes it to a stream; may throw {@link IOException}. */
    void accept(T value) throws IOException;
}
