/**
 * Dataset readers (IMDB, Jena, GloVe) and the dataset locator.
 *
 * <p>Readers take formats, not places ({@link dev.sequent.data.ImdbReader}); the local
 * copies are found by {@link dev.sequent.data.Datasets}. {@link dev.sequent.data.Imdb}
 * gives Keras's {@code imdb.load_data} view, shuffled by
 * {@link dev.sequent.data.NumpyRandomState} so orders match Python's for the same seed.
 * {@link dev.sequent.data.GloVe} reads pretrained word vectors into
 * {@link dev.sequent.data.WordVectors}, which builds the embedding matrix of listing 6.11.
 */
package dev.sequent.data;
