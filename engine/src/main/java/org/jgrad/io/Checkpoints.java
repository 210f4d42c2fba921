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
    /**
     * Prefix of the optimizer's state entries in a checkpoint ("optimizer.step", "optimizer.m.0", ...).
     */
    public static final String OPTIMIZER_PREFIX = "optimizer.";
    /** Names of a weight average saved beside the model ({@link org.jgrad.optim.ModelEma}). */
    public static final String EMA_PREFIX = org.jgrad.optim.ModelEma.PREFIX;

    private Checkpoints() {}

    /**
     * Saves the model's parameters and buffers, and the optimizer's state unless it is null, to one
     * safetensors file (F32, atomic, with a checksum).
     *
     * @param file the checkpoint to write, replaced if it exists
     * @param model the model; its dotted state-dict names become the tensors' names
     * @param optimizer its state goes under {@link #OPTIMIZER_PREFIX}; null to save the weights only
     * @param metadata free text entries stored in the header (run settings, epoch, ...)
     * @throws IOException if writing fails
     */
    public static void save(Path file, Module model, Optimizer optimizer, Map<String, String> metadata)
            throws IOException {
        save(file, model, optimizer, Map.of(), metadata);
    }

    /**
     * As {@link #save(Path, Module, Optimizer, Map)}, plus {@code extra} tensors under their own
     * names, which must start with {@link #EMA_PREFIX} (a weight average; {@link #load} leaves them
     * out of the model).
     *
     * @param file the checkpoint to write, replaced if it exists
     * @param model the model; its dotted state-dict names become the tensors' names
     * @param optimizer its state goes under {@link #OPTIMIZER_PREFIX}; null to save the weights only
     * @param extra further tensors, each name starting with {@link #EMA_PREFIX}
     * @param metadata free text entries stored in the header
     * @throws IllegalArgumentException if a name in {@code extra} does not start with {@link #EMA_PREFIX}
     * @throws IOException if writing fails
     */
    public static void save(
            Path file, Module model, Optimizer optimizer, Map<String, Tensor> extra, Map<String, String> metadata)
            throws IOException {
        Map<String, SafeTensors.Entry> entries = new LinkedHashMap<>();
        extra.forEach((name, t) -> {
            if (!name.startsWith(EMA_PREFIX))
                throw new IllegalArgumentException(
                        "extra checkpoint entry '" + name + "' must start with " + EMA_PREFIX);
            entries.put(name, new SafeTensors.Entry(t.shape(), t.toArray(), "F32"));
        });
        model.stateDict().forEach((name, t) -> entries.put(name, new SafeTensors.Entry(t.shape(), t.toArray(), "F32")));
        if (optimizer != null) {
            optimizer
                    .stateDict()
                    .forEach((name, t) ->
                            entries.put(OPTIMIZER_PREFIX + name, new SafeTensors.Entry(t.shape(), t.toArray(), "F32")));
        }
        SafeTensors.write(file, entries, metadata);
    }

    /**
     * Loads the model's tensors from {@code file} into {@code model} (on the model's backend).
     * With {@code strict}, tensors in the file that the model lacks are an error too.
     * Returns the file's contents so callers can read the metadata and optimizer state.
     * Non-finite values are refused, as in the five-argument form.
     *
     * @param file the checkpoint
     * @param model receives every parameter and buffer; names and shapes must match
     * @param strict whether tensors in the file that are not the model's (nor optimizer state or a
     *     weight average) are an error
     * @return everything the file holds
     * @throws NonFiniteWeightsException if a tensor in the file holds NaN or infinity
     * @throws IOException if the file cannot be read or is damaged, or does not fit the model (naming
     *     the first tensor missing, mis-shaped or, with {@code strict}, unexpected)
     */
    public static SafeTensors.Contents load(Path file, Module model, boolean strict) throws IOException {
        return load(file, SafeTensors.read(file), model, strict, false);
    }

    /**
     * As {@link #load(Path, Module, boolean)} for contents already read from {@code file}. Every
     * tensor (optimizer state and weight average included) must be finite unless
     * {@code allowNonFinite}: else a {@link NonFiniteWeightsException} names the first bad tensor.
     *
     * @param file the file the contents came from, for messages
     * @param contents what {@link SafeTensors#read} returned for it
     * @param model receives every parameter and buffer; names and shapes must match
     * @param strict whether tensors in the file that are not the model's (nor optimizer state or a
     *     weight average) are an error
     * @param allowNonFinite load NaN or infinite values instead of refusing them
     * @return {@code contents}
     * @throws NonFiniteWeightsException if a tensor holds NaN or infinity and that is not allowed
     * @throws IOException if the contents do not fit the model (naming the first tensor missing,
     *     mis-shaped or, with {@code strict}, unexpected)
     */
    public static SafeTensors.Contents load(
            Path file, SafeTensors.Contents contents, Module model, boolean strict, boolean allowNonFinite)
            throws IOException {
        if (!allowNonFinite) requireFinite(file, contents);
        Map<String, Tensor> state = model.stateDict();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            SafeTensors.Entry stored = contents.tensors().get(e.getKey());
            if (stored == null) {
                problems.add("tensor '" + e.getKey() + "' is missing from the file");
            } else if (!Arrays.equals(stored.shape(), e.getValue().shape())) {
                problems.add("tensor '" + e.getKey() + "' has shape " + Arrays.toString(stored.shape())
                        + " in the file but " + Arrays.toString(e.getValue().shape()) + " in the model");
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

    /**
     * Throws {@link NonFiniteWeightsException} naming the first tensor of {@code contents} that holds
     * NaN or ±infinity.
     *
     * @param file the file the contents came from, for the message
     * @param contents the tensors to check
     * @throws NonFiniteWeightsException if a value is not finite
     */
    public static void requireFinite(Path file, SafeTensors.Contents contents) throws NonFiniteWeightsException {
        String problem = SafeTensors.firstNonFinite(contents);
        if (problem != null) throw new NonFiniteWeightsException(file, problem);
    }

    /**
     * The weight-average entries ({@link #EMA_PREFIX}) of {@code contents}, by name; empty when there
     * are none.
     *
     * @param contents a checkpoint's contents
     * @return the entries' values by full name (for {@link org.jgrad.optim.ModelEma#loadStateDict})
     */
    public static Map<String, float[]> emaEntries(SafeTensors.Contents contents) {
        Map<String, float[]> out = new LinkedHashMap<>();
        contents.tensors().forEach((name, e) -> {
            if (name.startsWith(EMA_PREFIX)) out.put(name, e.values());
        });
        return out;
    }

    /**
     * Restores optimizer state saved by {@link #save} (the "optimizer." entries of {@code contents}).
     *
     * @param contents a checkpoint's contents
     * @param optimizer receives the state; it must have the same parameters, in the same order
     * @param file the file the contents came from, for messages
     * @throws IOException if the file holds no optimizer state, or the state does not fit the optimizer
     */
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
