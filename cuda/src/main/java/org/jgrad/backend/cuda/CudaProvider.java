package org.jgrad.backend.cuda;

import org.jgrad.backend.Backend;
import org.jgrad.backend.BackendProvider;

/**
 * How the engine finds the CUDA backend without importing it: registered in
 * {@code META-INF/services/org.jgrad.backend.BackendProvider}, asked for by the name {@code cuda}.
 * Loading this class loads no JCuda native; {@link CudaSupport} does that on the first real use.
 */
public final class CudaProvider implements BackendProvider {
    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public Backend create() throws CudaUnavailableException {
        return CudaSupport.backend();
    }

    @Override
    public String unavailableReason() {
        return CudaSupport.unavailableReason();
    }

    @Override
    public String describe() {
        return CudaSupport.describe();
    }
}
