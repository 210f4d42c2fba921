package org.jgrad.backend;

/** A backend cannot be used on this machine; the message says why in one line. */
public class BackendUnavailableException extends Exception {
    public BackendUnavailableException(String reason) { super(reason); }

    public BackendUnavailableException(String reason, Throwable cause) { super(reason, cause); }
}
