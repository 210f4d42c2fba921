package org.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jgrad.backend.Backend;
import org.jgrad.backend.GemmConformanceTest;
import org.junit.jupiter.api.Test;

/**
 * The whole fast GEMM (packing, edge tiles, threads) with the register tile that
 * {@code -Djgrad.cpu.gemmTile} forces: the engine's surefire configuration runs this class once per
 * shape and vector width, so the 16-register shapes are tested end to end on any machine. In the
 * default run it tests this machine's own choice.
 */
class ForcedGemmTileTest extends GemmConformanceTest {
    private static final FastCpuBackend BACKEND = new FastCpuBackend(2);

    @Override
    protected Backend backend() {
        return BACKEND;
    }

    @Test
    void theForcedTileIsTheOneInUse() {
        String forced = System.getProperty("jgrad.cpu.gemmTile");
        System.out.println("ForcedGemmTileTest: tile " + FastGemm.TILE.label() + ", " + VectorKernels.describe());
        if (forced != null) assertEquals(GemmTile.parse(forced, "test"), FastGemm.TILE);
    }
}
