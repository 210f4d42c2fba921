package org.jgrad.backend.cuda;

import org.jgrad.backend.BackendUnavailableException;

/** CUDA cannot be used on this machine; the message says why in one line. */
public final class CudaUnavailableException extends BackendUnavailableException {
    public CudaUnavailableException(String reason) {
        super(reason);
    }

    public CudaUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
