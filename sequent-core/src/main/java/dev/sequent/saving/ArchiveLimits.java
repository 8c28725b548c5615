package dev.sequent.saving;

/**
 * Bounds on what {@link ModelArchive#read} accepts from a {@code .sequent} archive, so that a
 * damaged or hostile file (a zip bomb, a million entries) fails with a clear message instead of
 * exhausting memory. Sizes are counted as bytes are actually decompressed; the sizes a zip
 * declares for its entries are not trusted.
 *
 * @param maxEntries      most entries in the archive, directories included
 * @param maxJsonBytes    largest {@code config.json} or {@code metadata.json}
 * @param maxWeightsBytes largest {@code model.safetensors}
 * @param maxAssetBytes   largest single file under {@code assets/}
 * @param maxTotalBytes   most bytes decompressed from the archive in all
 */
public record ArchiveLimits(int maxEntries, long maxJsonBytes, long maxWeightsBytes, long maxAssetBytes, long maxTotalBytes) {
    private static final long MB = 1L << 20;

    /**
     * 10,000 entries, 16 MB of JSON, 2 GB of weights (about 500 million float32 parameters),
     * 512 MB per asset, 4 GB in all.
     */
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(10_000, 16 * MB, 2048 * MB, 512 * MB, 4096 * MB);

    /**
     * Checks the limits. Throws {@link IllegalArgumentException} when one is not positive, or when the JSON or asset
     * limit exceeds what a byte array can hold.
     */
    public ArchiveLimits {
        if (maxEntries < 1 || maxJsonBytes < 1 || maxWeightsBytes < 1 || maxAssetBytes < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("archive limits must be positive: " + this);
        }
        // JSON and assets are returned as byte arrays, which cannot be larger.
        if (maxJsonBytes > Integer.MAX_VALUE - 8 || maxAssetBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("JSON and asset limits must fit in a byte array: " + this);
        }
    }

    /** These limits with another bound on the weights, e.g. for models over 2 GB. */
    public ArchiveLimits withMaxWeightsBytes(long bytes) {
        return new ArchiveLimits(maxEntries, maxJsonBytes, bytes, maxAssetBytes, Math.max(maxTotalBytes, bytes + maxJsonBytes * 2));
    }
}
