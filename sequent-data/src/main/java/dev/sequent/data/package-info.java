/**
 * Dataset readers (IMDB, Jena, GloVe), the dataset locator and the download cache.
 *
 * <p>Readers take formats, not places ({@link dev.sequent.data.ImdbReader},
 * {@link dev.sequent.data.JenaClimate}); the local copies are found by
 * {@link dev.sequent.data.Datasets}. {@link dev.sequent.data.Imdb}
 * gives Keras's {@code imdb.load_data} view, shuffled by
 * {@link dev.sequent.data.NumpyRandomState} so orders match Python's for the same seed.
 * {@link dev.sequent.data.GloVe} reads pretrained word vectors into
 * {@link dev.sequent.data.WordVectors}, which builds the embedding matrix of listing 6.11.
 * {@link dev.sequent.data.JenaClimate} reads the Jena climate CSV (plain, zip or gzip) into
 * {@link dev.sequent.data.JenaClimateData}: a float matrix, the header, timestamps, the sampling
 * interval, and the file's known bad values.
 *
 * <p>Downloads: {@link dev.sequent.data.DatasetCatalog} lists the canonical archives (address,
 * size, checksums) as {@link dev.sequent.data.RemoteDataset}s;
 * {@link dev.sequent.data.DatasetCache} downloads them resumably into {@code ~/.sequent/datasets},
 * checks them and renames them into place only when complete;
 * {@link dev.sequent.data.ArchiveExtractor} unpacks them safely when someone wants the plain files.
 * The readers take archives as they come, so the cache is just one more dataset root, looked at
 * after the local copies ({@link dev.sequent.data.Datasets#load}).
 *
 * <p>Generators and normalization for timeseries are in {@link dev.sequent.data.timeseries}.
 */
package dev.sequent.data;
