package org.jgrad.backend.cpu;

/**
 * Whether the incubating Vector API ({@code jdk.incubator.vector}) can be used in this JVM. It is
 * only present when the JVM was started with {@code --add-modules jdk.incubator.vector}; without
 * it, loading {@code VectorKernels} would fail, so the fast backend asks here first and otherwise
 * runs the reference loops. {@code -Djgrad.cpu.vector=false} turns the vector path off on purpose
 * (to compare, or to rule it out when hunting a bug).
 *
 * <p>This class itself never touches the module's types, so it loads in any JVM.
 */
public final class VectorModule {
    private static final String MODULE = "jdk.incubator.vector";
    private static final String REASON = findReasonUnusable();
    private static final java.util.concurrent.atomic.AtomicBoolean NOTICE_GIVEN =
            new java.util.concurrent.atomic.AtomicBoolean();

    private VectorModule() {}

    /**
     * Whether the fast kernels can run: the module is present and not turned off with -Djgrad.cpu.vector=false.
     *
     * @return true when they can
     */
    public static boolean usable() {
        return REASON == null;
    }

    /**
     * Why the vector kernels are off.
     *
     * @return the reason, or null when they are on
     */
    public static String reasonUnusable() {
        return REASON;
    }

    /**
     * The vector width in use, e.g. "512-bit vectors (16 floats)", or "off (reason)".
     *
     * @return the text
     */
    public static String describe() {
        return usable() ? VectorKernels.describe() : "off (" + REASON + ")";
    }

    /** Prints, once per JVM and only when the vector kernels are off, the line that says so and how to turn them on. */
    public static void noticeOnceIfUnusable() {
        if (!usable() && NOTICE_GIVEN.compareAndSet(false, true)) {
            System.err.println("jgrad: fast CPU kernels off (" + REASON
                    + "); using the reference loops. Start java with --add-modules " + MODULE + " for full speed.");
        }
    }

    private static String findReasonUnusable() {
        if ("false".equalsIgnoreCase(System.getProperty("jgrad.cpu.vector"))) {
            return "-Djgrad.cpu.vector=false";
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return "the JVM was started without --add-modules " + MODULE;
        }
        try {
            // Touching the class makes sure its species resolves on this machine.
            return VectorKernels.LANES >= 1 ? null : "no usable vector species";
        } catch (LinkageError | RuntimeException e) {
            return "the vector module failed to load: " + e;
        }
    }
}
