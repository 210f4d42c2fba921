package org.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.jgrad.device.Devices;
import org.jgrad.device.DevicesTest;
import org.junit.jupiter.api.Test;

/**
 * The engine's device selection tests with this module on the class path, plus: the engine finds
 * the CUDA backend through {@link org.jgrad.backend.BackendProvider}, so whatever CUDA reports (usable,
 * or why not) is CUDA's own answer, never "module not on the class path".
 */
class CudaDevicesTest extends DevicesTest {

    @Test
    void theEngineFindsThisModule() {
        assertNotEquals(Devices.NO_CUDA_MODULE, Devices.cudaUnavailableReason());
        assertEquals(CudaSupport.unavailableReason(), Devices.cudaUnavailableReason());
    }
}
