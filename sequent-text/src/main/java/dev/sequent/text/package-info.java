/**
 * Text preprocessing with Keras semantics: splitting into words, the {@code Tokenizer} (word
 * index, sequences, bag-of-words matrices, Keras's JSON), one-hot and hashing encoders, n-grams,
 * sequence padding.
 */
package dev.sequent.text;
