package org.jgrad.app.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jgrad.io.Checkpoints;
import org.jgrad.io.SafeTensors;
import org.jgrad.models.ImageClassifier;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;

/**
 * {@code train --init-from FILE.safetensors}: starts a model from pretrained weights.
 *
 * <p>Names map as follows. A file's names are the model's names ({@code conv1.weight},
 * {@code layer1.0.bn1.running_mean}, {@code fc.weight}, ...: jgrad's ResNet-18 uses torchvision's
 * names, and a PyTorch {@code nn.Sequential} LesionNet-S uses jgrad's {@code 0.weight}, ...), after
 * removing a leading {@code module.} (what {@code nn.DataParallel} adds). PyTorch's batch-norm
 * counters {@code *.num_batches_tracked} and jgrad's {@code optimizer.*} state are skipped. The
 * classifier (ResNet's {@code fc}, LesionNet-S's last dense layer) is replaced by one logit: its
 * tensors are loaded only when their shapes already fit (a jgrad binary checkpoint), otherwise
 * kept at their fresh initialisation (torchvision's 1000-class {@code fc}). Every other tensor of
 * the model must be in the file with the model's shape, or loading stops naming the first that is not.
 * Strict loading ({@code train --pretrained}, whose file is known) also refuses tensors the model
 * does not have, where a user's {@code --init-from} file may carry extras that are skipped.
 */
public final class TransferInit {
    private TransferInit() {}

    /** What was loaded. */
    public record Report(int loaded, List<String> replacedClassifier, int skipped) {
        public String describe(Path file) {
            return "init-from " + file + ": loaded " + loaded + " tensors"
                    + (replacedClassifier.isEmpty()
                            ? ""
                            : "; classifier " + String.join(", ", replacedClassifier)
                                    + " replaced by one logit (fresh weights)")
                    + (skipped == 0 ? "" : "; skipped " + skipped + " tensors the model does not use");
        }
    }

    public static Report apply(Path file, ModelKind kind, Module model) throws IOException {
        return apply(file, kind, model, false);
    }

    /** As {@link #apply(Path, ModelKind, Module)}; with {@code strict}, a tensor in the file that the model lacks is an error. */
    public static Report apply(Path file, ModelKind kind, Module model, boolean strict) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, SafeTensors.Entry> stored = new java.util.LinkedHashMap<>();
        int skipped = 0;
        for (Map.Entry<String, SafeTensors.Entry> e : contents.tensors().entrySet()) {
            String name = e.getKey().startsWith("module.") ? e.getKey().substring("module.".length()) : e.getKey();
            if (name.endsWith("num_batches_tracked") || name.startsWith(Checkpoints.OPTIMIZER_PREFIX)) {
                skipped++;
            } else {
                stored.put(name, e.getValue());
            }
        }
        String classifier = ImageClassifier.of(model).classifierPrefix();
        List<String> replaced = new ArrayList<>();
        int loaded = 0;
        Map<String, Tensor> state = model.stateDict();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String name = e.getKey();
            SafeTensors.Entry s = stored.remove(name);
            boolean fits = s != null && Arrays.equals(s.shape(), e.getValue().shape());
            if (name.startsWith(classifier) && !fits) {
                replaced.add(name + (s == null ? " (absent)" : " (file " + Arrays.toString(s.shape()) + ")"));
                continue;
            }
            if (s == null) {
                throw new IOException(
                        file + ": does not fit " + kind.cliName() + ": tensor '" + name + "' is missing from the file");
            }
            if (!fits) {
                throw new IOException(file + ": does not fit " + kind.cliName() + ": tensor '" + name + "' has shape "
                        + Arrays.toString(s.shape()) + " in the file but "
                        + Arrays.toString(e.getValue().shape()) + " in the model");
            }
            requireFinite(file, name, s.values());
            model.replaceTensor(name, Tensor.of(e.getValue().backend(), s.values(), s.shape()));
            loaded++;
        }
        if (strict && !stored.isEmpty()) {
            throw new IOException(file + ": does not fit " + kind.cliName() + ": tensor '"
                    + stored.keySet().iterator().next() + "' in the file is not part of the model"
                    + (stored.size() > 1 ? " (nor are " + (stored.size() - 1) + " more)" : ""));
        }
        return new Report(loaded, replaced, skipped + stored.size());
    }

    /** Starting from NaN or infinite weights can only train on garbage: refuse at once, naming the file and tensor. */
    private static void requireFinite(Path file, String name, float[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IOException("--init-from " + file + ": tensor '" + name + "' holds " + values[i]
                        + " at index " + i + "; pretrained weights must be finite numbers");
            }
        }
    }
}
