package org.jgrad.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The engine's own class path has no jgrad-cuda module: every CUDA request says so. */
class DevicesWithoutCudaTest {

    @Test
    void noProviderMeansTheModuleIsMissing() {
        assertTrue(Devices.provider("cuda").isEmpty(), "the engine's tests must not see the cuda module");
        assertEquals(Devices.NO_CUDA_MODULE, Devices.cudaUnavailableReason());
    }

    @Test
    void autoFallsBackToTheCpuNamingTheMissingModule() {
        Devices.Selection s = Devices.select("auto", 1);
        assertEquals("the jgrad-cuda module is not on the class path", s.fallbackReason());
        assertEquals(Devices.cpu(), s.backend());
    }

    @Test
    void cudaIsAnErrorNamingTheMissingModule() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Devices.select("cuda"));
        assertEquals(
                "--device cuda: no usable GPU: the jgrad-cuda module is not on the class path"
                        + " (use --device auto to fall back to the CPU)",
                e.getMessage());
    }

    @Test
    void infoSaysTheModuleIsMissing() {
        assertTrue(
                Devices.info().endsWith("\nCUDA: unavailable: the jgrad-cuda module is not on the class path"),
                Devices.info());
        assertTrue(Devices.backendStatus().get(2).contains("the jgrad-cuda module is not on the class path"));
    }
}
