/**
 * Text preprocessing with Keras semantics: splitting into words, tokenizers, sequence padding.
 */
package dev.sequent.text;
