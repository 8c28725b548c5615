package dev.sequent.kernels;

/**
 * The geometry of a 1D convolution over one sequence, as the table kernels
 * ({@link Kernels#tableTaps}, {@link Kernels#tableTapsBackward}) need it: output step {@code t},
 * tap {@code j} reads input step {@code p = t * strides + j * dilation - padLeft}, and taps whose
 * {@code p} falls outside {@code [0, steps)} read padding (zeros).
 *
 * @param count    the kernel size (number of taps)
 * @param strides  the step between two output steps' first taps
 * @param dilation the step between two taps of one output step
 * @param padLeft  the zeros before the first input step
 * @param steps    the input steps
 * @param outSteps the output steps
 */
public record Taps(int count, int strides, int dilation, int padLeft, int steps, int outSteps) {

    /**
     * Checks the geometry. Throws {@link IllegalArgumentException} when {@code count}, {@code strides} or
     * {@code dilation} is below 1, or {@code padLeft}, {@code steps} or {@code outSteps} is negative.
     */
    public Taps {
        if (count < 1 || strides < 1 || dilation < 1 || padLeft < 0 || steps < 0 || outSteps < 0) {
            throw new IllegalArgumentException("invalid convolution geometry " + this);
        }
    }

    /** The input step that tap {@code j} of output step {@code t} reads (possibly outside {@code [0, steps)}). */
    public int input(int t, int j) {
        return t * strides + j * dilation - padLeft;
    }
}
