package org.jgrad.bench;

import java.util.function.Supplier;
import org.jgrad.autograd.Graph;
import org.jgrad.autograd.OpProfiler;
import org.jgrad.backend.Backend;
import org.jgrad.backend.Backends;
import org.jgrad.loss.Losses;
import org.jgrad.nn.Module;
import org.jgrad.optim.Adam;
import org.jgrad.optim.Optimizer;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Tensor;

/**
 * One model, its optimizer (Adam 1e-3, or SGD 0.01 with momentum 0.9) and a fixed random batch on
 * one backend; {@link #step()} is one training step as the app's loop runs it: forward, loss,
 * backward, update, the loss read back (the only host copy), the step's graph released. The
 * workload of the GPU check, the op profile, the JMH GPU-vs-CPU step and {@code HostOverhead}.
 */
public final class TrainingStep {
    public final Module model;
    public final Optimizer optimizer;
    public final Tensor images, labels;

    /** {@code size}×{@code size} RGB images, labels 1 for every third image (seed-shifted), in training mode. */
    public TrainingStep(Backend b, Supplier<Module> model, boolean adam, int batch, int size, long seed) {
        Backend previous = Backends.getDefault();
        Backends.setDefault(b);
        try {
            this.model = model.get().to(b);
            this.model.train();
            this.optimizer = adam ? new Adam(this.model.parameters(), 1e-3f) : new Sgd(this.model.parameters(), 0.01f, 0.9f, 0f, false);
            this.images = Tensor.randn(seed, 1f, batch, 3, size, size).to(b);
            float[] y = new float[batch];
            for (int i = 0; i < batch; i++) y[i] = (i * 7 + seed) % 3 == 0 ? 1f : 0f;
            this.labels = Tensor.of(b, y, batch, 1);
        } finally {
            Backends.setDefault(previous);
        }
    }

    /** One step; returns its loss. */
    public float step() { return step(null); }

    /** One step, charging its phases to {@code profiler} (null: none). */
    public float step(OpProfiler profiler) {
        Backend previous = Backends.getDefault();
        Backends.setDefault(images.backend());
        try {
            optimizer.zeroGrad();
            if (profiler != null) profiler.mark("zero grad");
            Tensor loss = Losses.binaryCrossEntropyWithLogits(model.forward(images), labels);
            loss.backward();
            optimizer.step();
            if (profiler != null) profiler.mark("optimizer step");
            float value = loss.item();
            if (profiler != null) profiler.mark("loss to the host");
            Graph.release(loss);   // as the app's training loop does: the step's buffers serve the next one
            if (profiler != null) profiler.mark("release the graph");
            return value;
        } finally {
            Backends.setDefault(previous);
        }
    }
}
