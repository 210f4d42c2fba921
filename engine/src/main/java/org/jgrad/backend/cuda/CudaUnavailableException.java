package org.jgrad.backend.cuda;

/** CUDA cannot be used on this machine; the message says why in one line. */
public final class CudaUnavailableException extends Exception {
    public CudaUnavailableException(String reason) { super(reason); }

    public CudaUnavailableException(String reason, Throwable cause) { super(reason, cause); }
}
