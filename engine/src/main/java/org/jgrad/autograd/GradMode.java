package org.jgrad.autograd;

/**
 * Whether ops record the graph. Inside {@code try (var scope = GradMode.noGrad()) { ... }} they
 * do not, which is how evaluation and backward passes avoid building graphs of their own.
 */
public final class GradMode {
    private static final ThreadLocal<int[]> DISABLED_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private GradMode() {}

    /**
     * Whether ops record the graph on the calling thread now.
     *
     * @return false inside a {@link #noGrad()} scope
     */
    public static boolean isEnabled() {
        return DISABLED_DEPTH.get()[0] == 0;
    }

    /**
     * Turns recording off on the calling thread until the returned scope is closed; scopes nest.
     *
     * @return the scope to close (use try-with-resources)
     */
    public static Scope noGrad() {
        DISABLED_DEPTH.get()[0]++;
        return () -> DISABLED_DEPTH.get()[0]--;
    }

    /** A scope that needs no checked exception on close. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
