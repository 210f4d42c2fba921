package org.jgrad.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.nn.Module;
import org.jgrad.optim.Optimizer;
import org.jgrad.tensor.Tensor;

/**
 * Saving and loading a model's state dict (and optionally an optimizer's) as safetensors.
 * Names are the module's dotted names ("0.weight", "layer1.0.bn1.running_mean"); optimizer
 * state goes under "optimizer." so one file can hold both. Loading checks every name and shape
 * and fails with a message naming the first tensor that is missing, unexpected or mis-shaped.
 */
public final class Checkpoints {
    public static final String OPTIMIZER_PREFIX = "optimizer.";
    /** Names of a weight average saved beside the model ({@link org.jgrad.optim.ModelEma}). */
    public static final String EMA_PREFIX = org.jgrad.optim.ModelEma.PREFIX;

    private Checkpoints() { }

    public static void save(Path file, Module model, Optimizer optimizer, Map<String, String> metadata) throws IOException {
        save(file, model, optimizer, Map.of(), metadata);
    }

    /**
     * As {@link #save(Path, Module, Optimizer, Map)}, plus {@code extra} tensors under their own
     * names, which must start with {@link #EMA_PREFIX} (a weight average; {@link #load} leaves them
     * out of the model).
     */
    public static void save(Path file, Module model, Optimizer optimizer, Map<String, Tensor> extra,
                            Map<String, String> metadata) throws IOException {
        Map<String, SafeTensors.Entry> entries = new LinkedHashMap<>();
        extra.forEach((name, t) -> {
            if (!name.startsWith(EMA_PREFIX)) throw new IllegalArgumentException("extra checkpoint entry '" + name + "' must start with " + EMA_PREFIX);
            entries.put(name, new SafeTensors.Entry(t.shape(), t.toArray(), "F32"));
        });
        model.stateDict().forEach((name, t) -> entries.put(name, new SafeTensors.Entry(t.shape(), t.toArray(), "F32")));
        if (optimizer != null) {
            optimizer.stateDict().forEach((name, t) -> entries.put(OPTIMIZER_PREFIX + name,
                    new SafeTensors.Entry(t.shape(), t.toArray(), "F32")));
        }
        SafeTensors.write(file, entries, metadata);
    }

    /**
     * Loads the model's tensors from {@code file} into {@code model} (on the model's backend).
     * With {@code strict}, tensors in the file that the model lacks are an error too.
     * Returns the file's contents so callers can read the metadata and optimizer state.
     */
    public static SafeTensors.Contents load(Path file, Module model, boolean strict) throws IOException {
        return load(file, SafeTensors.read(file), model, strict, false);
    }

    /**
     * As {@link #load(Path, Module, boolean)} for contents already read from {@code file}. Every
     * tensor (optimizer state and weight average included) must be finite unless
     * {@code allowNonFinite}: else a {@link NonFiniteWeightsException} names the first bad tensor.
     */
    public static SafeTensors.Contents load(Path file, SafeTensors.Contents contents, Module model, boolean strict,
                                            boolean allowNonFinite) throws IOException {
        if (!allowNonFinite) requireFinite(file, contents);
        Map<String, Tensor> state = model.stateDict();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            SafeTensors.Entry stored = contents.tensors().get(e.getKey());
            if (stored == null) {
                problems.add("tensor '" + e.getKey() + "' is missing from the file");
            } else if (!Arrays.equals(stored.shape(), e.getValue().shape())) {
                problems.add("tensor '" + e.getKey() + "' has shape " + Arrays.toString(stored.shape()) + " in the file but "
                        + Arrays.toString(e.getValue().shape()) + " in the model");
            }
        }
        if (strict) {
            for (String name : contents.tensors().keySet()) {
                if (!state.containsKey(name) && !name.startsWith(OPTIMIZER_PREFIX) && !name.startsWith(EMA_PREFIX)) {
                    problems.add("tensor '" + ShortText.of(name) + "' in the file is not part of the model");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(file + ": does not fit this model: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : ""));
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            SafeTensors.Entry stored = contents.tensors().get(e.getKey());
            model.replaceTensor(e.getKey(), Tensor.of(e.getValue().backend(), stored.values(), stored.shape()));
        }
        return contents;
    }

    /** Throws {@link NonFiniteWeightsException} naming the first tensor of {@code contents} that holds NaN or ±infinity. */
    public static void requireFinite(Path file, SafeTensors.Contents contents) throws NonFiniteWeightsException {
        String problem = SafeTensors.firstNonFinite(contents);
        if (problem != null) throw new NonFiniteWeightsException(file, problem);
    }

    /** The weight-average entries ({@link #EMA_PREFIX}) of {@code contents}, by name; empty when there are none. */
    public static Map<String, float[]> emaEntries(SafeTensors.Contents contents) {
        Map<String, float[]> out = new LinkedHashMap<>();
        contents.tensors().forEach((name, e) -> {
            if (name.startsWith(EMA_PREFIX)) out.put(name, e.values());
        });
        return out;
    }

    /** Restores optimizer state saved by {@link #save} (the "optimizer." entries of {@code contents}). */
    public static void loadOptimizer(SafeTensors.Contents contents, Optimizer optimizer, Path file) throws IOException {
        Map<String, Tensor> state = new LinkedHashMap<>();
        contents.tensors().forEach((name, e) -> {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                state.put(name.substring(OPTIMIZER_PREFIX.length()), Tensor.of(e.values(), e.shape()));
            }
        });
        if (state.isEmpty()) throw new IOException(file + ": holds no optimizer state (saved without it)");
        try {
            optimizer.loadStateDict(state);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }
}
