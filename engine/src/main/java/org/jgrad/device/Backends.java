package org.jgrad.device;

import java.util.Objects;
import org.jgrad.backend.Backend;
import org.jgrad.backend.cpu.FastCpuBackend;
import org.jgrad.backend.cpu.ReferenceBackend;
import org.jgrad.backend.cpu.VectorModule;

/**
 * Where new tensors live unless told otherwise. Until the application chooses (the fast CPU path
 * with some thread count, CUDA) with {@link #setDefault(Backend)}, the default is the fast CPU
 * backend when the JVM has the Vector API module ({@code --add-modules jdk.incubator.vector}),
 * and otherwise the reference loops, after a one-line notice that says how to get the fast path.
 */
public final class Backends {
    private static final Backend REFERENCE = new ReferenceBackend();
    private static volatile Backend defaultBackend; // chosen on first use, so that nothing prints before then

    private Backends() {}

    /**
     * The plain-loop CPU backend (always available; the test oracle).
     *
     * @return the shared reference backend
     */
    public static Backend reference() {
        return REFERENCE;
    }

    /**
     * The backend of tensors made without naming one ({@code Tensor.of}, {@code zeros}, ...), chosen on
     * first use unless {@link #setDefault} came first; shared by all threads.
     *
     * @return the default backend
     */
    public static Backend getDefault() {
        Backend b = defaultBackend;
        if (b == null) {
            synchronized (Backends.class) {
                if (defaultBackend == null)
                    defaultBackend = VectorModule.usable() ? FastCpuBackend.shared() : referenceWithNotice();
                b = defaultBackend;
            }
        }
        return b;
    }

    /**
     * Makes {@code backend} the default for tensors made from now on (existing tensors stay where they are).
     *
     * @param backend the new default
     * @throws NullPointerException if backend is null
     */
    public static void setDefault(Backend backend) {
        defaultBackend = Objects.requireNonNull(backend, "backend");
    }

    private static Backend referenceWithNotice() {
        VectorModule.noticeOnceIfUnusable();
        return REFERENCE;
    }
}
