package org.jgrad.backend;

/** A backend cannot be used on this machine; the message says why in one line. */
public class BackendUnavailableException extends Exception {
    /**
     * A failure with its reason.
     *
     * @param reason why the backend cannot be used, in one line
     */
    public BackendUnavailableException(String reason) {
        super(reason);
    }

    /**
     * A failure with its reason and the error that caused it.
     *
     * @param reason why the backend cannot be used, in one line
     * @param cause the underlying error (a missing library, a driver error)
     */
    public BackendUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
