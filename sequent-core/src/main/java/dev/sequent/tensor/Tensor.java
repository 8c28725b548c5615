package dev.sequent.tensor;

import java.util.Arrays;

/**
 * A float32 tensor: a contiguous row-major {@code float[]} and its shape, batch first.
 *
 * <p>There are no strides or views: a tensor owns exactly {@code size()} floats starting at
 * index 0 of {@link #data()}. Layers that need another layout copy or transpose in their kernel.
 * Token ids travel through a model as whole-number floats (exact up to 2^24), which keeps one
 * tensor type on every edge of the graph; {@link #ofIds(int[][])} builds such a tensor.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;

    private Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /** Wraps {@code data} (not copied) as a tensor of the given shape. */
    public static Tensor of(float[] data, int... shape) {
        long size = sizeOf(shape);
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values but the data has " + data.length);
        }
        return new Tensor(data, shape.clone());
    }

    /** A zero-filled tensor of the given shape. */
    public static Tensor zeros(int... shape) {
        long size = sizeOf(shape);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " is too large");
        }
        return new Tensor(new float[(int) size], shape.clone());
    }

    /** A rank-2 tensor copied from rows of equal length. */
    public static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has length " + rows[i].length + ", expected " + cols);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return new Tensor(data, new int[] {rows.length, cols});
    }

    /** A rank-1 tensor copied from {@code values}. */
    public static Tensor vector(float... values) {
        return new Tensor(values.clone(), new int[] {values.length});
    }

    /** Token ids (rows of equal length) as a rank-2 tensor of whole-number floats. */
    public static Tensor ofIds(int[][] ids) {
        int cols = ids.length == 0 ? 0 : ids[0].length;
        float[] data = new float[ids.length * cols];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length != cols) {
                throw new IllegalArgumentException("sequence " + i + " has length " + ids[i].length + ", expected "
                        + cols + " (pad the sequences to one length first, e.g. with Sequences.padSequences)");
            }
            for (int j = 0; j < cols; j++) {
                data[i * cols + j] = ids[i][j];
            }
        }
        return new Tensor(data, new int[] {ids.length, cols});
    }

    /** Labels or targets, one per sample, as a {@code (n, 1)} tensor. */
    public static Tensor column(float[] values) {
        return new Tensor(values.clone(), new int[] {values.length, 1});
    }

    /** Integer labels, one per sample, as a {@code (n, 1)} tensor. */
    public static Tensor column(int[] values) {
        float[] data = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = values[i];
        }
        return new Tensor(data, new int[] {values.length, 1});
    }

    /** The backing array (not a copy). */
    public float[] data() {
        return data;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Whether this tensor has exactly the given shape (no copy of the shape is made). */
    public boolean hasShape(int... other) {
        return Arrays.equals(shape, other);
    }

    /**
     * {@code cached} when it already has {@code shape}, else a new zero tensor: lets layers keep
     * one output buffer per batch shape instead of allocating on every step.
     */
    public static Tensor reuse(Tensor cached, int... shape) {
        return cached != null && cached.hasShape(shape) ? cached : zeros(shape);
    }

    /** The number of dimensions, the batch included. */
    public int rank() {
        return shape.length;
    }

    /**
     * The size of dimension {@code axis}; a negative axis counts from the end ({@code -1} is the last). Throws
     * {@link ArrayIndexOutOfBoundsException} for an axis outside the rank.
     */
    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    /** The number of values: the product of the shape. */
    public int size() {
        return data.length;
    }

    /** Number of floats in one sample: the product of every dimension but the first. */
    public int sampleSize() {
        int n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    /**
     * The value at a full index, one coordinate per dimension. Throws {@link IllegalArgumentException} when the index
     * has the wrong rank, {@link IndexOutOfBoundsException} when a coordinate is outside the shape.
     */
    public float get(int... index) {
        return data[offset(index)];
    }

    /**
     * Sets the value at a full index, one coordinate per dimension. Throws {@link IllegalArgumentException} when the
     * index has the wrong rank, {@link IndexOutOfBoundsException} when a coordinate is outside the shape.
     */
    public void set(float value, int... index) {
        data[offset(index)] = value;
    }

    private int offset(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for a tensor of rank " + shape.length);
        }
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside shape " + Arrays.toString(shape));
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }

    /** The same data seen with another shape of the same size (shares the array). */
    public Tensor reshape(int... newShape) {
        return of(data, newShape);
    }

    /** A deep copy: new data array, same shape. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    /** Rows {@code [from, to)} along the batch axis, copied. */
    public Tensor slice(int from, int to) {
        if (from < 0 || to > shape[0] || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a batch of " + shape[0]);
        }
        int per = sampleSize();
        int[] s = shape.clone();
        s[0] = to - from;
        return new Tensor(Arrays.copyOfRange(data, from * per, to * per), s);
    }

    /** The samples at {@code indices[from..to)} along the batch axis, gathered into a new tensor. */
    public Tensor gather(int[] indices, int from, int to) {
        int per = sampleSize();
        int[] s = shape.clone();
        s[0] = to - from;
        float[] out = new float[(to - from) * per];
        for (int i = from; i < to; i++) {
            System.arraycopy(data, indices[i] * per, out, (i - from) * per, per);
        }
        return new Tensor(out, s);
    }

    /**
     * The number of values a shape holds, as a {@code long} (0 when a dimension is 0). Throws
     * {@link IllegalArgumentException} for a negative dimension or a product beyond {@code Long.MAX_VALUE}.
     */
    public static long sizeOf(int... shape) {
        boolean empty = false;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            empty |= d == 0;
        }
        if (empty) {
            return 0;
        }
        long n = 1;
        for (int d : shape) {
            if (n > Long.MAX_VALUE / d) {
                // The product of many large dimensions would wrap around; no tensor can be that large anyway.
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds more than " + Long.MAX_VALUE
                        + " values");
            }
            n *= d;
        }
        return n;
    }

    /** Formats a shape the way Keras prints it, {@code None} standing for an unknown (-1) size. */
    public static String formatShape(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i] < 0 ? "None" : Integer.toString(shape[i]));
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
