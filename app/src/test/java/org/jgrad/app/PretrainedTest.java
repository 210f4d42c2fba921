package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jgrad.app.io.OutputFiles;
import org.jgrad.app.train.ModelKind;
import org.jgrad.app.train.RunCheckpoint;
import org.jgrad.app.train.RunFiles;
import org.jgrad.app.train.TrainConfig;
import org.jgrad.app.train.TransferInit;
import org.jgrad.device.Backends;
import org.jgrad.io.SafeTensors;
import org.jgrad.models.ResNet18;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;
import org.jgrad.vision.image.Normalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train --pretrained: torchvision's tensor names onto jgrad's ResNet-18 (real shapes, generated
 * values), the command line's refusals, the offline and wrong-file messages (against a local
 * server), the head-first fine-tuning schedule, and the normalisation recorded in checkpoints.
 */
class PretrainedTest {
    @TempDir
    Path temp;

    /** A torchvision-named ResNet-18 state dict with a 1000-class fc, as timm/resnet18.tv_in1k holds it (values generated). */
    private static Map<String, Tensor> torchvisionState() {
        return new ResNet18(1000, 42).stateDict();
    }

    @Test
    void torchvisionNamesLoadIntoTheRightParameters() throws IOException {
        Map<String, Tensor> source = torchvisionState();
        Path file = temp.resolve("tv.safetensors");
        TransferLearningTest.writeTorchStyle(file, source);
        Module model = ModelKind.RESNET18.create(224, 7);
        float[] freshFc = model.stateDict().get("fc.weight").toArray();

        TransferInit.Report report = TransferInit.apply(file, ModelKind.RESNET18, model, true);

        Map<String, Tensor> loaded = model.stateDict();
        assertEquals(source.size() - 2, report.loaded(), "every tensor but the 1000-class fc");
        assertEquals(20, report.skipped(), "the num_batches_tracked counters of the 20 batch-norms");
        for (Map.Entry<String, Tensor> e : source.entrySet()) {
            if (e.getKey().startsWith("fc.")) continue;
            assertArrayEquals(e.getValue().toArray(), loaded.get(e.getKey()).toArray(), e.getKey());
            assertArrayEquals(e.getValue().shape(), loaded.get(e.getKey()).shape(), e.getKey());
        }
        // spot checks by role, so that a mapping by position could not pass: the stem, a downsample shortcut, a running
        // statistic
        assertArrayEquals(new int[] {64, 3, 7, 7}, loaded.get("conv1.weight").shape());
        assertArrayEquals(
                new int[] {128, 64, 1, 1},
                loaded.get("layer2.0.downsample.0.weight").shape());
        assertArrayEquals(
                source.get("layer3.1.bn2.running_var").toArray(),
                loaded.get("layer3.1.bn2.running_var").toArray());
        assertArrayEquals(new int[] {1, 512}, loaded.get("fc.weight").shape(), "one logit, a fresh head");
        assertArrayEquals(freshFc, loaded.get("fc.weight").toArray());
        assertTrue(loaded.get("conv1.weight").requiresGrad(), "loaded weights are trainable parameters");
    }

    @Test
    void unknownMissingAndMisshapenTensorsAreClearErrors() throws IOException {
        Map<String, Tensor> extra = new LinkedHashMap<>(torchvisionState());
        extra.put("layer5.0.conv1.weight", Tensor.zeros(2, 2));
        Path withExtra = temp.resolve("extra.safetensors");
        TransferLearningTest.writeTorchStyle(withExtra, extra);
        IOException e = assertThrows(
                IOException.class,
                () -> TransferInit.apply(withExtra, ModelKind.RESNET18, ModelKind.RESNET18.create(224, 1), true));
        assertEquals(
                withExtra
                        + ": does not fit resnet18: tensor 'layer5.0.conv1.weight' in the file is not part of the model",
                e.getMessage());
        // --init-from (not strict) skips it
        assertEquals(
                1,
                TransferInit.apply(withExtra, ModelKind.RESNET18, ModelKind.RESNET18.create(224, 1), false)
                                .skipped()
                        - 20);

        Map<String, Tensor> missing = new LinkedHashMap<>(torchvisionState());
        missing.remove("layer4.1.bn2.running_mean");
        Path withoutOne = temp.resolve("missing.safetensors");
        TransferLearningTest.writeTorchStyle(withoutOne, missing);
        e = assertThrows(
                IOException.class,
                () -> TransferInit.apply(withoutOne, ModelKind.RESNET18, ModelKind.RESNET18.create(224, 1), true));
        assertTrue(
                e.getMessage().contains("tensor 'layer4.1.bn2.running_mean' is missing from the file"), e.getMessage());

        Map<String, Tensor> misshapen = new LinkedHashMap<>(torchvisionState());
        misshapen.put("layer1.0.conv2.weight", Tensor.zeros(64, 64, 1, 1));
        Path wrongShape = temp.resolve("shape.safetensors");
        TransferLearningTest.writeTorchStyle(wrongShape, misshapen);
        e = assertThrows(
                IOException.class,
                () -> TransferInit.apply(wrongShape, ModelKind.RESNET18, ModelKind.RESNET18.create(224, 1), true));
        assertTrue(
                e.getMessage()
                        .contains(
                                "'layer1.0.conv2.weight' has shape [64, 64, 1, 1] in the file but [64, 64, 3, 3] in the model"),
                e.getMessage());
    }

    @Test
    void theCommandLineRefusesWhatCannotWork() {
        Cli.Result r = Cli.run(
                "train",
                "--pretrained",
                "--model",
                "lesionnet-s",
                "--out",
                temp.resolve("a").toString());
        assertEquals(1, r.exit());
        assertTrue(
                r.err()
                        .startsWith(
                                "error: --pretrained: ImageNet weights are published for resnet18 only, not lesionnet-s"),
                r.err());

        r = Cli.run(
                "train",
                "--pretrained",
                "--init-from",
                Cli.tinyRun().resolve("best.safetensors").toString(),
                "--out",
                temp.resolve("b").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--pretrained and --init-from both choose the starting weights"), r.err());

        r = Cli.run("train", "--head-epochs", "2", "--out", temp.resolve("c").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--head-epochs and --backbone-lr-scale fine-tune pretrained weights"), r.err());

        r = Cli.run(
                "train",
                "--pretrained",
                "--backbone-lr-scale",
                "1.5",
                "--out",
                temp.resolve("d").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--backbone-lr-scale must lie in (0, 1], got 1.5"), r.err());

        r = Cli.run(
                "train",
                "--pretrained",
                "--freeze-backbone",
                "--head-epochs",
                "1",
                "--out",
                temp.resolve("e").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--freeze-backbone trains the head for the whole run"), r.err());
    }

    @Test
    void offlineItFailsWithOneLineSayingWhereToPutTheFile() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path weights = temp.resolve("weights");
        String url = "http://127.0.0.1:" + closedPort + "/timm/resnet18.tv_in1k/model.safetensors";
        Cli.Result r = Cli.run(
                "train",
                "--pretrained",
                "--weights-dir",
                weights.toString(),
                "--weights-url",
                url,
                "--out",
                temp.resolve("run").toString(),
                "--cache-dir",
                Cli.shared().resolve("cache").toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: cannot download timm/resnet18.tv_in1k from " + url), r.err());
        assertTrue(
                r.err()
                        .contains("by hand and save it as "
                                + weights.resolve("resnet18.tv_in1k.safetensors")
                                        .toAbsolutePath()),
                r.err());
        assertTrue(r.err().contains("694f673df6520a3158624e8a89af086f59923ee4cd7436fe5bc3bc71d295ad81"), r.err());
        assertFalse(Files.exists(weights.resolve("resnet18.tv_in1k.safetensors")));
        assertFalse(Files.exists(temp.resolve("run")), "no run folder for a run that cannot start");
    }

    @Test
    void aFileThatIsNotThePublishedOneIsNeverUsed() throws IOException {
        Path generated = temp.resolve("generated.safetensors");
        TransferLearningTest.writeTorchStyle(generated, torchvisionState());
        byte[] body = Files.readAllBytes(generated);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/model.safetensors", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Path weights = temp.resolve("weights");
            Cli.Result r = Cli.run(
                    "train",
                    "--pretrained",
                    "--weights-dir",
                    weights.toString(),
                    "--weights-url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/model.safetensors",
                    "--out",
                    temp.resolve("run").toString(),
                    "--cache-dir",
                    Cli.shared().resolve("cache").toString());
            assertEquals(1, r.exit());
            // the generated file is not 46,807,446 bytes: refused on the announced size, before a byte is stored
            assertTrue(r.err().contains("bytes, but timm/resnet18.tv_in1k has 46807446"), r.err());
            try (Stream<Path> left = Files.list(weights)) {
                assertEquals(List.of(), left.toList(), "nothing half-written is kept");
            }
            // the same file put there by hand is checked and refused too
            Files.copy(generated, weights.resolve("resnet18.tv_in1k.safetensors"));
            r = Cli.run(
                    "train",
                    "--pretrained",
                    "--weights-dir",
                    weights.toString(),
                    "--out",
                    temp.resolve("run").toString(),
                    "--cache-dir",
                    Cli.shared().resolve("cache").toString());
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("is not the published timm/resnet18.tv_in1k file"), r.err());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void headFirstThenTheWholeNetwork() throws IOException {
        Map<String, Tensor> source = torchvisionState();
        Path file = temp.resolve("tv.safetensors");
        TransferLearningTest.writeTorchStyle(file, source);
        Path run = temp.resolve("finetune");
        List<String> args = List.of(
                "train",
                "--model",
                "resnet18",
                "--image-size",
                "32",
                "--init-from",
                file.toString(),
                "--head-epochs",
                "1",
                "--backbone-lr-scale",
                "0.1",
                "--epochs",
                "1",
                "--batch-size",
                "8",
                "--synth-count",
                "40",
                "--seed",
                "3",
                "--recipe",
                "synthetic",
                "--cache-dir",
                Cli.shared().resolve("cache").toString(),
                "--out",
                run.toString());
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(
                r.out()
                        .contains(
                                "fine-tuning: the head only (backbone frozen) in every epoch, as --head-epochs 1 ≥ --epochs 1"),
                r.out());
        Map<String, SafeTensors.Entry> afterHead =
                SafeTensors.read(run.resolve("last.safetensors")).tensors();
        for (String name : List.of(
                "conv1.weight", "layer2.0.downsample.0.weight", "layer4.1.bn2.weight", "layer4.1.bn2.running_var")) {
            assertArrayEquals(
                    source.get(name).toArray(), afterHead.get(name).values(), name + " is frozen in the head epoch");
        }

        Cli.Result more = Cli.run("train", "--resume", run.toString(), "--epochs", "2");
        assertEquals(0, more.exit(), more.err() + more.out());
        assertTrue(
                more.out()
                        .contains(
                                "fine-tuning: epochs 1-1 train the head only (backbone frozen), then the whole network,"
                                        + " the backbone at 0.1 × the learning rate"),
                more.out());
        Map<String, SafeTensors.Entry> afterWhole =
                SafeTensors.read(run.resolve("last.safetensors")).tensors();
        for (String name : List.of("conv1.weight", "layer4.1.bn2.weight", "layer4.1.bn2.running_var")) {
            assertFalse(
                    Arrays.equals(
                            afterHead.get(name).values(), afterWhole.get(name).values()),
                    name + " trains in epoch 2");
        }
        assertFalse(Arrays.equals(
                afterHead.get("fc.weight").values(), afterWhole.get("fc.weight").values()));
    }

    @Test
    void theRecordedNormalisationIsWhatEvaluateAndPredictApply() throws IOException {
        Path best = Cli.tinyRun().resolve("best.safetensors");
        assertSame(
                Normalization.UNIT,
                RunCheckpoint.load(best, Backends.getDefault()).normalization());

        SafeTensors.Contents contents = SafeTensors.read(best);
        Map<String, String> meta = new LinkedHashMap<>(contents.metadata());
        assertEquals("unit", meta.get(RunCheckpoint.NORMALIZATION));
        meta.put(RunCheckpoint.NORMALIZATION, "imagenet");
        meta.remove(SafeTensors.CHECKSUM_KEY);
        Path imagenet = temp.resolve("imagenet.safetensors");
        SafeTensors.write(imagenet, contents.tensors(), meta);
        assertSame(
                Normalization.IMAGENET,
                RunCheckpoint.load(imagenet, Backends.getDefault()).normalization());

        meta.put(RunCheckpoint.NORMALIZATION, "zscore");
        Path unknown = temp.resolve("unknown.safetensors");
        SafeTensors.write(unknown, contents.tensors(), meta);
        IOException e = assertThrows(IOException.class, () -> RunCheckpoint.load(unknown, Backends.getDefault()));
        assertTrue(e.getMessage().contains("unknown input normalisation 'zscore'"), e.getMessage());
    }

    @Test
    void pretrainedRunsNormaliseWithImageNetStatistics() throws IOException {
        ObjectNode json = (ObjectNode)
                OutputFiles.JSON.readTree(new RunFiles(Cli.tinyRun()).config().toFile());
        TrainConfig scratch = OutputFiles.JSON.treeToValue(json, TrainConfig.class);
        assertFalse(scratch.pretrained());
        assertEquals("unit", scratch.normalizationName());
        json.put("model", "resnet18");
        json.set(
                "fineTuning",
                OutputFiles.JSON.valueToTree(new org.jgrad.app.train.FineTuning("timm/resnet18.tv_in1k", 2, 0.1)));
        TrainConfig pretrained = OutputFiles.JSON.treeToValue(json, TrainConfig.class);
        assertTrue(pretrained.pretrained());
        assertEquals("imagenet", pretrained.normalizationName());
        json.put("model", "lesionnet-s");
        assertEquals(
                "imagenet",
                OutputFiles.JSON.treeToValue(json, TrainConfig.class).normalizationName(),
                "the weights decide, not the model's default");
    }
}
