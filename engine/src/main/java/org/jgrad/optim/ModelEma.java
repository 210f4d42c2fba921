package org.jgrad.optim;

import static org.jgrad.tensor.TensorInternals.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.backend.Backend;
import org.jgrad.backend.Storage;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;

/**
 * An exponential moving average of a model's weights (Polyak averaging, as timm's ModelEma and
 * TensorFlow's ExponentialMovingAverage): after every optimizer step
 * <pre>
 *   avg ← d·avg + (1 − d)·w,     d = min(decay, (1 + n) / (10 + n)),   n = updates so far
 * </pre>
 * for every parameter and buffer (batch-norm's running statistics too, so the averaged weights
 * come with matching statistics). The warm-up term keeps the first updates from being dominated
 * by the random initial weights. The average is evaluated by swapping it into the model
 * ({@link #swap}) and back (a second {@link #swap}); the optimizer keeps working on the live
 * weights. On small, noisy data sets the average is smoother than any single step's weights:
 * its validation scores vary less from epoch to epoch.
 *
 * <p>Everything runs on the model's backend (scale, axpy and copies), so it works on any device.
 */
public final class ModelEma {
    /** Prefix of the average's entries when saved beside a model (see {@link #stateDict}). */
    public static final String PREFIX = "ema.";

    private final float decay;
    private final Module model;
    private final List<String> names = new ArrayList<>();
    private final List<Storage> average = new ArrayList<>();
    private long updates;

    /**
     * Starts the average at the model's current weights (and buffers).
     *
     * @param model the model whose weights are averaged
     * @param decay the largest decay d, in [0, 1) (0.999 is usual)
     * @throws IllegalArgumentException if {@code decay} is outside [0, 1)
     */
    public ModelEma(Module model, float decay) {
        if (!(decay >= 0 && decay < 1))
            throw new IllegalArgumentException("EMA decay must lie in [0, 1), got " + decay);
        this.decay = decay;
        this.model = model;
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            Tensor t = e.getValue();
            Storage copy = t.backend().allocate(t.size());
            t.backend().copyBlocks(copy, 0, 0, storage(t), 0, 0, 1, t.size());
            names.add(e.getKey());
            average.add(copy);
        }
    }

    /**
     * The model's tensors now, in the order of {@link #names}. Looked up afresh each time because
     * loading a checkpoint or moving to another backend replaces a module's tensor objects.
     */
    private List<Tensor> live() {
        Map<String, Tensor> state = model.stateDict();
        List<Tensor> out = new ArrayList<>(names.size());
        for (String name : names) {
            Tensor t = state.get(name);
            if (t == null) throw new IllegalStateException("the model no longer has a tensor named '" + name + "'");
            out.add(t);
        }
        return out;
    }

    /**
     * The decay used at the next update (the warm-up term included).
     *
     * @return min(decay, (1 + n) / (10 + n)) for n updates so far
     */
    public float currentDecay() {
        return (float) Math.min(decay, (1.0 + updates) / (10.0 + updates));
    }

    /**
     * Moves the average towards the model's current weights; call after each optimizer step.
     *
     * @throws IllegalStateException if the model no longer has a tensor the average was started with
     */
    public void update() {
        float d = currentDecay();
        List<Tensor> live = live();
        for (int i = 0; i < live.size(); i++) {
            Tensor w = live.get(i);
            Backend b = w.backend();
            Storage avg = average.get(i);
            b.unary(org.jgrad.backend.UnaryOp.SCALE, avg, avg, d, w.size());
            b.axpy(avg, 1 - d, storage(w), w.size());
        }
        updates++;
    }

    /**
     * Exchanges the model's weights with the average: call once to evaluate (or save) the average,
     * and again to continue training with the live weights.
     *
     * @throws IllegalStateException if the model no longer has a tensor the average was started with
     */
    public void swap() {
        List<Tensor> live = live();
        for (int i = 0; i < live.size(); i++) {
            Tensor w = live.get(i);
            Backend b = w.backend();
            Storage held = b.allocateUninitialized(w.size());
            b.copyBlocks(held, 0, 0, storage(w), 0, 0, 1, w.size());
            b.copyBlocks(storage(w), 0, 0, average.get(i), 0, 0, 1, w.size());
            b.release(average.get(i));
            average.set(i, held);
        }
    }

    /**
     * The average and the update count, named {@code ema.<model name>} and {@code ema.updates}, for
     * checkpoints.
     *
     * @return copies of the average on the model's backend, by name
     * @throws IllegalStateException if the model no longer has a tensor the average was started with
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        List<Tensor> live = live();
        for (int i = 0; i < live.size(); i++) {
            Tensor w = live.get(i);
            float[] values = new float[w.size()];
            w.backend().download(average.get(i), 0, values, w.size());
            out.put(PREFIX + names.get(i), Tensor.of(w.backend(), values, w.shape()));
        }
        out.put(PREFIX + "updates", Tensor.of(new float[] {updates}, 1));
        return out;
    }

    /**
     * Restores what {@link #stateDict} saved (entries named {@code ema.*}); throws naming the first
     * missing or mis-sized one.
     *
     * @param saved the checkpoint's values by name (other entries are ignored)
     * @throws IllegalArgumentException if {@code ema.updates} or an averaged tensor is missing or has
     *     the wrong size
     */
    public void loadStateDict(Map<String, float[]> saved) {
        float[] count = saved.get(PREFIX + "updates");
        if (count == null || count.length != 1 || !(count[0] >= 0)) {
            throw new IllegalArgumentException("EMA state is missing or has a bad 'ema.updates' entry");
        }
        List<Tensor> live = live();
        for (int i = 0; i < live.size(); i++) {
            float[] values = saved.get(PREFIX + names.get(i));
            if (values == null || values.length != live.get(i).size()) {
                throw new IllegalArgumentException(
                        "EMA state: '" + PREFIX + names.get(i) + "' is missing or has the wrong size");
            }
            Backend b = live.get(i).backend();
            b.release(average.get(i));
            average.set(i, b.upload(values));
        }
        updates = (long) count[0];
    }
}
