package dev.sequent.util;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, so writers can be passed as lambdas without
 * wrapping every checked exception.
 */
@FunctionalInterface
public interface IOConsumer<T> {
    void accept(T value) throws IOException;
}
