package dev.sequent.util;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Numbers in JSON that come back with the same bits: checkpoints store history values and
 * callback state this way, because a resumed run must compare equal to an uninterrupted one.
 *
 * <p>A finite double is written as a JSON number (Java's shortest decimal form, which parses back
 * to the same double); NaN and the infinities, which JSON has no numbers for, as the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}. Float arrays are written as base64 of
 * their little-endian bits, since a decimal float parsed as a double and then rounded to float
 * can land one ulp away.
 */
public final class ExactValues {
    private ExactValues() {
    }

    /** {@code value} as a JSON value: the number itself, or a string for NaN and the infinities. */
    public static Object encode(double value) {
        return Double.isFinite(value) ? (Object) value : Double.toString(value);
    }

    /**
     * The double {@link #encode} wrote.
     *
     * @throws IllegalArgumentException if {@code value} is neither a number nor one of the three strings, naming {@code what}
     */
    public static double decode(Object value, String what) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
            return Double.parseDouble(s);
        }
        throw new IllegalArgumentException(what + " should be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), got "
                + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
    }

    /** The floats' bits, little-endian, in base64. */
    public static String encodeFloats(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    /**
     * The floats {@link #encodeFloats} wrote.
     *
     * @throws IllegalArgumentException if the text is not base64 of a whole number of floats, naming {@code what}
     */
    public static float[] decodeFloats(Object value, String what) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(what + " should be a base64 string of float32 values, got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64: " + e.getMessage(), e);
        }
        if (bytes.length % 4 != 0) {
            throw new IllegalArgumentException(what + " holds " + bytes.length + " bytes, not a whole number of float32 values");
        }
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
