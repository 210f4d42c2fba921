package org.jgrad.backend.cuda;

import java.nio.file.Path;
import java.util.Locale;
import org.jgrad.autograd.GradMode;
import org.jgrad.backend.Backend;
import org.jgrad.device.Backends;
import org.jgrad.io.Checkpoints;
import org.jgrad.io.SafeTensors;
import org.jgrad.models.ResNet18;
import org.jgrad.tensor.Tensor;

/**
 * Cross-check with PyTorch (run on the GPU machine after scripts/gpu/torch_reference.py):
 * loads torchvision's seeded ResNet-18 (one output) from resnet18.safetensors into jgrad's
 * {@link ResNet18}, runs the exported batch through it in evaluation mode on the CPU reference
 * and on CUDA (float32-only and TF32-allowed), and prints the largest relative error of the
 * logits, max|jgrad - torch| / max|torch|, against torch's logits on the matching device.
 *
 * <pre>java -cp ... org.jgrad.backend.cuda.TorchCrossCheck DIR</pre>
 */
public final class TorchCrossCheck {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        SafeTensors.Contents batch = SafeTensors.read(dir.resolve("resnet18-batch.safetensors"));
        SafeTensors.Entry input = batch.tensors().get("input");
        double worst = 0;
        worst = Math.max(
                worst,
                run(
                        "CPU reference",
                        Backends.reference(),
                        dir,
                        input,
                        batch.tensors().get("logits_cpu")));
        worst = Math.max(
                worst,
                run(
                        "CUDA float32",
                        CudaSupport.backend(CudaOptions.strictFloat32()),
                        dir,
                        input,
                        batch.tensors().get("logits_cuda_fp32")));
        run(
                "CUDA TF32 allowed (vs torch TF32)",
                CudaSupport.backend(CudaOptions.defaults()),
                dir,
                input,
                batch.tensors().get("logits_cuda_tf32"));
        System.out.printf(Locale.ROOT, "CROSSCHECK largest relative error (float32 paths): %.3e%n", worst);
    }

    private static double run(
            String label, Backend backend, Path dir, SafeTensors.Entry input, SafeTensors.Entry torchLogits)
            throws Exception {
        Backend previous = Backends.getDefault();
        Backends.setDefault(backend);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            ResNet18 model = new ResNet18(1, 0);
            Checkpoints.load(dir.resolve("resnet18.safetensors"), model, true);
            model.eval();
            float[] logits = model.forward(Tensor.of(backend, input.values(), input.shape()))
                    .toArray();
            float[] expected = torchLogits.values();
            double scale = 0, err = 0;
            for (float v : expected) scale = Math.max(scale, Math.abs(v));
            for (int i = 0; i < expected.length; i++) err = Math.max(err, Math.abs(logits[i] - expected[i]));
            double rel = err / scale;
            System.out.printf(
                    Locale.ROOT,
                    "CROSSCHECK %-36s jgrad %s torch %s relative error %.3e%n",
                    label,
                    java.util.Arrays.toString(logits),
                    java.util.Arrays.toString(expected),
                    rel);
            return rel;
        } finally {
            Backends.setDefault(previous);
        }
    }
}
