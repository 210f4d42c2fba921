package org.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CudaOptionsTest {
    @Test
    void defaultsTurnEverythingOn() {
        assertEquals(CudaOptions.defaults(), CudaOptions.fromEnvironment(Map.of()));
    }

    @Test
    void environmentSwitchesTurnPartsOff() {
        CudaOptions o = CudaOptions.fromEnvironment(Map.of(
                "JGRAD_CUDNN", "0", "JGRAD_CUBLAS", "false", "JGRAD_CUDA_TF32", "off", "JGRAD_CUDA_DEVICE", "1"));
        assertEquals(new CudaOptions(1, false, false, false), o);
    }

    @Test
    void aBadDeviceNumberIsAClearError() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CudaOptions.fromEnvironment(Map.of("JGRAD_CUDA_DEVICE", "first")));
        assertEquals("JGRAD_CUDA_DEVICE must be a device number, got 'first'", e.getMessage());
    }
}
