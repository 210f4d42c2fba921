package org.jgrad.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * --device auto|cpu|cuda on whatever machine runs the tests (with or without a GPU, with or without
 * the jgrad-cuda module on the class path: the engine's own tests run without it).
 */
public class DevicesTest {

    @Test
    void cpuIsAlwaysTheCpu() {
        Devices.Selection s = Devices.select("cpu");
        assertSame(Devices.cpu(), s.backend());
        assertFalse(s.fellBack());
    }

    @Test
    void autoTakesCudaWhenItWorksAndOtherwiseSaysWhyInOneLine() {
        Devices.Selection s = Devices.select("AUTO");
        String reason = Devices.cudaUnavailableReason();
        if (reason == null) {
            assertEquals("cuda", s.backend().name());
            assertFalse(s.fellBack());
        } else {
            assertSame(Devices.cpu(), s.backend());
            assertEquals(reason, s.fallbackReason());
            assertFalse(reason.isBlank());
            assertFalse(reason.contains("\n"), "the reason must be one line: " + reason);
            assertTrue(s.describe().contains("CUDA not used: "), s.describe());
            assertTrue(s.note().startsWith("device auto → "), s.note());
        }
    }

    @Test
    void cudaWithoutAGpuIsAClearError() {
        String reason = Devices.cudaUnavailableReason();
        if (reason == null) {
            assertEquals("cuda", Devices.select("cuda").backend().name());
            return;
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Devices.select("cuda"));
        assertTrue(e.getMessage().startsWith("--device cuda: no usable GPU: " + reason), e.getMessage());
    }

    @Test
    void anUnknownDeviceIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.select("tpu"));
        assertEquals("unknown device 'tpu': expected auto, cpu or cuda", e.getMessage());
    }

    @Test
    void infoReportsTheCpuAndTheGpuOrWhyThereIsNone() {
        String info = Devices.info();
        assertTrue(info.startsWith("CPU: "), info);
        assertTrue(info.contains("CUDA: available") || info.contains("CUDA: unavailable: "), info);
        assertEquals(3, Devices.backendStatus().size());
    }
}
