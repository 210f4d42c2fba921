package org.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgrad.device.Backends;
import org.jgrad.models.LesionNetS;
import org.jgrad.models.ResNet18;
import org.jgrad.train.FixedBatchTraining;
import org.junit.jupiter.api.Test;

/**
 * A few training steps of LesionNet-S (batch 8, 3x64x64) from the same seed on the CPU reference
 * and on the GPU (cuDNN restricted to float32) must agree: the losses of every step within
 * 1e-4 relative, and after SGD with momentum every parameter within 1e-4 of the largest
 * magnitude of that parameter. Adam's losses are compared too (within 1e-3: its first steps move
 * each weight by about lr times the sign of its gradient, so gradients near zero can round to
 * either side). ResNet-18 (64 px, batch 4, SGD momentum, 3 steps) covers batch-norm, the residual
 * adds and their gradients: losses within 1e-4, parameters within 2e-3 (the fast CPU backend
 * against the reference, whose sums run in another order just as the GPU's do, differs by 2.4e-6 and
 * 1.3e-4 on this workload). Skipped where no GPU is usable.
 */
class CudaTrainingAgreementTest {
    private static final int STEPS = 4;

    @Test
    void lesionNetSgdStepsAgree() throws CudaUnavailableException {
        CudaConformanceTest.assumeGpu();
        CudaBackend gpu = CudaSupport.backend(CudaOptions.strictFloat32());
        FixedBatchTraining cpuRun =
                new FixedBatchTraining(Backends.reference(), () -> LesionNetS.create(11), false, 8, 64, 3);
        FixedBatchTraining gpuRun = new FixedBatchTraining(gpu, () -> LesionNetS.create(11), false, 8, 64, 3);
        compareLosses(cpuRun, gpuRun, 1e-4, STEPS);
        compareParameters(cpuRun, gpuRun, 1e-4, STEPS);
    }

    /** Every parameter within {@code tolerance} of its largest magnitude, after {@code steps} steps. */
    private static void compareParameters(
            FixedBatchTraining cpuRun, FixedBatchTraining gpuRun, double tolerance, int steps) {
        Map<String, org.jgrad.tensor.Tensor> cpuParams = cpuRun.model.namedParameters(),
                gpuParams = gpuRun.model.namedParameters();
        for (String name : cpuParams.keySet()) {
            float[] e = cpuParams.get(name).toArray(), a = gpuParams.get(name).toArray();
            double scale = 0, worst = 0;
            for (float v : e) scale = Math.max(scale, Math.abs(v));
            for (int i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]) / scale);
            double w = worst;
            assertTrue(
                    w <= tolerance,
                    () -> "parameter " + name + " differs after " + steps + " SGD steps: relative " + w);
        }
    }

    @Test
    void resNet18SgdStepsAgree() throws CudaUnavailableException {
        CudaConformanceTest.assumeGpu();
        CudaBackend gpu = CudaSupport.backend(CudaOptions.strictFloat32());
        FixedBatchTraining cpuRun =
                new FixedBatchTraining(Backends.reference(), () -> new ResNet18(1, 5), false, 4, 64, 3);
        FixedBatchTraining gpuRun = new FixedBatchTraining(gpu, () -> new ResNet18(1, 5), false, 4, 64, 3);
        compareLosses(cpuRun, gpuRun, 1e-4, 3);
        compareParameters(cpuRun, gpuRun, 2e-3, 3);
    }

    @Test
    void lesionNetAdamLossesAgree() throws CudaUnavailableException {
        CudaConformanceTest.assumeGpu();
        CudaBackend gpu = CudaSupport.backend(CudaOptions.strictFloat32());
        FixedBatchTraining cpuRun =
                new FixedBatchTraining(Backends.reference(), () -> LesionNetS.create(12), true, 8, 64, 4);
        FixedBatchTraining gpuRun = new FixedBatchTraining(gpu, () -> LesionNetS.create(12), true, 8, 64, 4);
        compareLosses(cpuRun, gpuRun, 1e-3, STEPS);
    }

    private static void compareLosses(
            FixedBatchTraining cpuRun, FixedBatchTraining gpuRun, double tolerance, int steps) {
        List<String> log = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            float expected = cpuRun.step(), actual = gpuRun.step();
            double rel = Math.abs(actual - expected) / Math.abs(expected);
            log.add(String.format("step %d: cpu %.7f gpu %.7f (relative %.2e)", step, expected, actual, rel));
            int s = step;
            assertTrue(rel <= tolerance, () -> "loss of step " + s + " differs: " + String.join("; ", log));
        }
        System.out.println("CudaTrainingAgreementTest: " + String.join("; ", log));
    }
}
