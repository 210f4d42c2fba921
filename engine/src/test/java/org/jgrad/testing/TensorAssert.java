package org.jgrad.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.function.Executable;

/**
 * Assertions shared by the engine's tests: values compared element by element with a stated
 * tolerance, failing on the first mismatching index with both values; shapes; error messages.
 */
public final class TensorAssert {
    private TensorAssert() {}

    /** |expected[i] - actual[i]| ≤ tol for every i, NaN never equal; names the first bad index. */
    public static void assertClose(String what, float[] expected, float[] actual, double tol) {
        if (expected.length != actual.length) {
            fail(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) expected[i] - actual[i]);
            if (!(diff <= tol)) {
                fail(String.format(
                        "%s: first mismatch at index %d: expected %.8g, actual %.8g (|diff| %.3g > tol %.3g)",
                        what, i, expected[i], actual[i], diff, tol));
            }
        }
    }

    /** The tensor's shape is {@code shape} and its values are {@code expected} within tol. */
    public static void assertTensor(String what, float[] expected, int[] shape, Tensor actual, double tol) {
        assertNotNull(actual, what + " is null");
        assertArrayEquals(shape, actual.shape(), what + ": shape");
        assertClose(what, expected, actual.toArray(), tol);
    }

    /** The tensor's gradient exists, has the tensor's shape, and equals {@code expected} within tol. */
    public static void assertGrad(String what, float[] expected, Tensor x, double tol) {
        assertNotNull(x.grad(), what + ": no gradient reached the tensor");
        assertTensor(what + " gradient", expected, x.shape(), x.grad(), tol);
    }

    /** Every value is finite (no NaN, no infinity); names the first bad index. */
    public static void assertFinite(String what, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) fail(what + ": value " + values[i] + " at index " + i + " is not finite");
        }
    }

    /** The call throws {@code type}, and its message contains every one of {@code fragments}. */
    public static <T extends Throwable> T assertThrowsMentioning(Class<T> type, Executable call, String... fragments) {
        T error = assertThrows(type, call);
        String message = String.valueOf(error.getMessage());
        for (String fragment : fragments) {
            assertTrue(
                    message.contains(fragment), "error message should mention '" + fragment + "' but was: " + message);
        }
        return error;
    }

    /** "[2, 3]": how shapes appear in the engine's error messages. */
    public static String shape(int... dims) {
        return Arrays.toString(dims);
    }
}
