package org.jgrad.device;

import java.util.Objects;
import org.jgrad.backend.Backend;
import org.jgrad.backend.cpu.ReferenceBackend;

/**
 * Where new tensors live unless told otherwise. The default is the reference CPU backend until
 * the application chooses another (the fast CPU path, CUDA) with {@link #setDefault(Backend)}.
 */
public final class Backends {
    private static final Backend REFERENCE = new ReferenceBackend();
    private static volatile Backend defaultBackend = REFERENCE;

    private Backends() { }

    /** The plain-loop CPU backend (always available; the test oracle). */
    public static Backend reference() { return REFERENCE; }

    public static Backend getDefault() { return defaultBackend; }

    public static void setDefault(Backend backend) { defaultBackend = Objects.requireNonNull(backend, "backend"); }
}
