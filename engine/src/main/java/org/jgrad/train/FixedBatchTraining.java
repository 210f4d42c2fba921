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
    /** The model being trained, on the chosen backend. */
    public final Module model;
    /** Its optimizer: Adam (lr 1e-3) or SGD (lr 0.01, momentum 0.9). */
    public final Optimizer optimizer;
    /** The fixed batch: images [batch, 3, size, size] and 0/1 labels [batch, 1], on the chosen backend. */
    public final Tensor images, labels;

    private final TrainingStep step;

    /**
     * {@code size}×{@code size} RGB images, labels 1 for every third image (seed-shifted), in training mode.
     * The loss is {@code Losses.binaryCrossEntropyWithLogits}; the default backend is left as it was.
     *
     * @param b the backend to train on
     * @param model makes the model (on any backend; it is moved to {@code b})
     * @param adam true for Adam, false for SGD with momentum
     * @param batch the number of images
     * @param size the images' height and width
     * @param seed the seed of the images (normal values) and of the labels' pattern
     */
    public FixedBatchTraining(Backend b, Supplier<Module> model, boolean adam, int batch, int size, long seed) {
        Backend previous = Backends.getDefault();
        Backends.setDefault(b);
        try {
            this.model = model.get().to(b);
            this.model.train();
            this.optimizer = adam
                    ? new Adam(this.model.parameters(), 1e-3f)
                    : new Sgd(this.model.parameters(), 0.01f, 0.9f, 0f, false);
            this.images = Tensor.randn(seed, 1f, batch, 3, size, size).to(b);
            float[] y = new float[batch];
            for (int i = 0; i < batch; i++) y[i] = (i * 7 + seed) % 3 == 0 ? 1f : 0f;
            this.labels = Tensor.of(b, y, batch, 1);
        } finally {
            Backends.setDefault(previous);
        }
        this.step = new TrainingStep(this.model, optimizer, Losses::binaryCrossEntropyWithLogits);
    }

    /**
     * One training step.
     *
     * @return its loss
     */
    public float step() {
        return step(null);
    }

    /**
     * One training step, charging its phases to {@code profiler} (null: none).
     *
     * @param profiler the running profiler, or null
     * @return its loss
     */
    public float step(OpProfiler profiler) {
        Backend previous = Backends.getDefault();
        Backends.setDefault(images.backend());
        try {
            model.train(); // after infer()
            return step.run(images, labels, profiler).loss();
        } finally {
            Backends.setDefault(previous);
        }
    }

    /**
     * The model in evaluation mode on the batch, without gradients.
     *
     * @return the first logit (read back, so the work is done)
     */
    public float infer() {
        model.eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return model.forward(images).toArray()[0];
        }
    }
}
