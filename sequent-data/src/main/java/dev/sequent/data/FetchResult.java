package dev.sequent.data;

import java.nio.file.Path;

/**
 * What {@link DatasetCache#fetch} did.
 *
 * @param dataset    the catalogue entry
 * @param archive    the verified archive in the cache
 * @param downloaded true when bytes came over the network in this call, false when the cache
 *                   already held the archive
 * @param sha256     the archive's sha256
 * @param message    one line for people: what was checked against what
 */
public record FetchResult(RemoteDataset dataset, Path archive, boolean downloaded, String sha256, String message) {
}
