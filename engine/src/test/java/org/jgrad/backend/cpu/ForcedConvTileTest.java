package org.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jgrad.backend.Backend;
import org.jgrad.backend.ConvConformanceTest;
import org.junit.jupiter.api.Test;

/**
 * The direct convolution (forward, backward-data, backward-filter) with the channel block that
 * {@code -Djgrad.cpu.convChannels} forces: the engine's surefire configuration runs this class with
 * the 3- and 4-channel tiles (16-register CPUs: 3-channel forward, 4-channel filter gradient), so they
 * are tested end to end on any machine. In the
 * default run it tests this machine's own choice.
 */
class ForcedConvTileTest extends ConvConformanceTest {
    private static final FastCpuBackend DIRECT = new FastCpuBackend(2, "direct");

    @Override
    protected Backend backend() {
        return DIRECT;
    }

    @Test
    void theForcedChannelBlockIsTheOneInUse() {
        String forced = System.getProperty("jgrad.cpu.convChannels");
        System.out.println("ForcedConvTileTest: " + ConvTileChoice.CHANNELS + " channels, " + VectorKernels.describe());
        if (forced != null) assertEquals(Integer.parseInt(forced.trim()), ConvTileChoice.CHANNELS);
    }
}
