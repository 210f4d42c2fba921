package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.io.SafeTensors;
import org.jgrad.models.ResNet18;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * train --init-from: from a checkpoint jgrad saved (LesionNet-S, head only with
 * --freeze-backbone), and from a file in PyTorch's naming: a torchvision ResNet-18 state dict with
 * a 1000-class fc and int64 num_batches_tracked counters, written here byte by byte as PyTorch's
 * safetensors writer lays it out.
 */
class TransferLearningTest {

    @Test
    void fromAJgradCheckpointWithFrozenBackbone() throws Exception {
        Path init = Cli.tinyRun().resolve("best.safetensors");
        Path run = Cli.shared().resolve("transfer-jgrad");
        Cli.Result r = Cli.run(Cli.tinyTrainArgs(
                run, "--init-from", init.toString(), "--freeze-backbone", "--epochs", "1", "--lr", "0.01"));
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("loaded 10 tensors"), r.out());
        assertTrue(r.out().contains("freeze-backbone: training"), r.out());
        Map<String, SafeTensors.Entry> before = SafeTensors.read(init).tensors();
        Map<String, SafeTensors.Entry> after =
                SafeTensors.read(run.resolve("last.safetensors")).tensors();
        for (String conv : List.of("0.weight", "0.bias", "3.weight", "6.weight")) {
            assertArrayEquals(before.get(conv).values(), after.get(conv).values(), conv + " is frozen");
        }
        assertFalse(
                java.util.Arrays.equals(
                        before.get("12.weight").values(), after.get("12.weight").values()),
                "the head trained");
    }

    @Test
    void fromATorchvisionNamedResNet18() throws Exception {
        Path file = Cli.shared().resolve("resnet18-torchvision.safetensors");
        Map<String, Tensor> state = new ResNet18(1000, 42).stateDict();
        writeTorchStyle(file, state);
        Path run = Cli.shared().resolve("transfer-torch");
        Cli.Result r = Cli.run(
                "train",
                "--model",
                "resnet18",
                "--image-size",
                "32",
                "--init-from",
                file.toString(),
                "--freeze-backbone",
                "--epochs",
                "1",
                "--batch-size",
                "8",
                "--synth-count",
                "40",
                "--seed",
                "3",
                "--cache-dir",
                Cli.shared().resolve("cache").toString(),
                "--out",
                run.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(
                r.out()
                        .contains(
                                "classifier fc.weight (file [1000, 512]), fc.bias (file [1000]) replaced by one logit"),
                r.out());
        assertTrue(r.out().contains("skipped 20 tensors"), "the num_batches_tracked counters: " + r.out());
        Map<String, SafeTensors.Entry> trained =
                SafeTensors.read(run.resolve("best.safetensors")).tensors();
        assertArrayEquals(
                state.get("conv1.weight").toArray(), trained.get("conv1.weight").values(), "stem loaded and frozen");
        assertArrayEquals(
                state.get("layer4.1.bn2.running_var").toArray(),
                trained.get("layer4.1.bn2.running_var").values(),
                "frozen batch-norm keeps its running statistics");
        assertArrayEquals(new int[] {1, 512}, trained.get("fc.weight").shape());
        Cli.Result eval = Cli.run("evaluate", "--checkpoint", run.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.lastLine().startsWith("test auc="), eval.lastLine());
    }

    /**
     * A safetensors file as PyTorch writes a state dict: F32 weights, I64 num_batches_tracked
     * after every batch-norm, no jgrad metadata, tensors in state-dict order.
     */
    static void writeTorchStyle(Path file, Map<String, Tensor> state) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt"));
        ByteBuffer data = ByteBuffer.allocate(64 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            int begin = data.position();
            for (float v : e.getValue().toArray()) data.putFloat(v);
            header.put(e.getKey(), Map.of("dtype", "F32", "shape", e.getValue().shape(), "data_offsets", new long[] {
                begin, data.position()
            }));
            if (e.getKey().endsWith("running_var")) {
                String counter = e.getKey().replace("running_var", "num_batches_tracked");
                int b = data.position();
                data.putLong(12345L);
                header.put(
                        counter,
                        Map.of("dtype", "I64", "shape", new int[0], "data_offsets", new long[] {b, data.position()}));
            }
        }
        byte[] json = new ObjectMapper().writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + data.position()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(data.array(), 0, data.position());
        Files.write(file, out.array());
    }
}
