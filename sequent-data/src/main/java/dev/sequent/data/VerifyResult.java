package dev.sequent.data;

import java.nio.file.Path;

/**
 * What {@link DatasetCache#verify} found for one dataset.
 *
 * @param dataset the catalogue entry
 * @param archive where the archive is (or would be) in the cache
 * @param present whether the archive is in the cache
 * @param ok      false only when the archive is present and its size or a checksum is wrong
 * @param checked true when a checksum (the catalogue's sha256 or MD5, or the sha256 recorded on
 *                first download) was compared, false when there was none or nothing to check
 * @param sha256  the archive's sha256 as computed now, or null when absent or of the wrong size
 *                (then it is not read at all)
 * @param message one line for people: the verdict and what it was checked against
 */
public record VerifyResult(RemoteDataset dataset, Path archive, boolean present, boolean ok, boolean checked,
        String sha256, String message) {
}
