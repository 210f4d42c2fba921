package org.jgrad.backend;

/**
 * A backend that lives in another module and is found at run time with {@link java.util.ServiceLoader},
 * so that the engine never imports it: the CUDA backend of the {@code jgrad-cuda} module registers
 * one in {@code META-INF/services/org.jgrad.backend.BackendProvider}.
 * {@code org.jgrad.device.Devices} asks the providers on the class path by {@link #name()}.
 */
public interface BackendProvider {
    /**
     * The device name that selects this backend, e.g. {@code cuda}.
     *
     * @return the name
     */
    String name();

    /**
     * The backend, opened on first use and shared after that.
     *
     * @return the backend
     * @throws BackendUnavailableException with a one-line reason when it cannot be used here
     */
    Backend create() throws BackendUnavailableException;

    /**
     * Why {@link #create()} would fail, in one line.
     *
     * @return the reason, or null when the backend can be used
     */
    String unavailableReason();

    /**
     * A few lines for {@code jgrad info}: what was found (device, driver, libraries) or why the backend is unavailable.
     *
     * @return the text
     */
    String describe();
}
