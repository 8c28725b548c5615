/**
 * Dataset readers (IMDB, Jena, GloVe) and the dataset locator.
 */
package dev.sequent.data;
