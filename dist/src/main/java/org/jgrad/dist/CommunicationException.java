package org.jgrad.dist;

/** A collective operation failed: a peer died, stopped answering, or made a different call. The message names the ranks. */
public final class CommunicationException extends RuntimeException {
    public CommunicationException(String message) {
        super(message);
    }

    public CommunicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
