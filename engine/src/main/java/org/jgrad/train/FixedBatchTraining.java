package org.jgrad.train;

import java.util.function.Supplier;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.OpProfiler;
import org.jgrad.backend.Backend;
import org.jgrad.device.Backends;
import org.jgrad.loss.Losses;
import org.jgrad.nn.Module;
import org.jgrad.optim.Adam;
import org.jgrad.optim.Optimizer;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Tensor;

/**
 * One model, its optimizer (Adam 1e-3, or SGD 0.01 with momentum 0.9) and one fixed random batch on
 * one backend, trained with {@link TrainingStep} exactly as the app's loop trains: the workload of
 * {@code jgrad bench}, the JMH training benchmarks, the op profile and the GPU check. It is also the
 * usual first test of a new model: on one batch the loss should fall.
 */
public final class FixedBatchTraining {
    public final Module model;
    public final Optimizer optimizer;
    public final Tensor images, labels;
    private final TrainingStep step;

    /** {@code size}×{@code size} RGB images, labels 1 for every third image (seed-shifted), in training mode. */
    public FixedBatchTraining(Backend b, Supplier<Module> model, boolean adam, int batch, int size, long seed) {
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
        this.step = new TrainingStep(this.model, optimizer, Losses::binaryCrossEntropyWithLogits);
    }

    /** One training step; returns its loss. */
    public float step() { return step(null); }

    /** One training step, charging its phases to {@code profiler} (null: none). */
    public float step(OpProfiler profiler) {
        Backend previous = Backends.getDefault();
        Backends.setDefault(images.backend());
        try {
            model.train();   // after infer()
            return step.run(images, labels, profiler).loss();
        } finally {
            Backends.setDefault(previous);
        }
    }

    /** The model in evaluation mode on the batch, without gradients; returns the first logit (read back, so the work is done). */
    public float infer() {
        model.eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return model.forward(images).toArray()[0];
        }
    }
}
