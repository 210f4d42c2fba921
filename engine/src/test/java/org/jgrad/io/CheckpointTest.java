package org.jgrad.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jgrad.loss.Losses;
import org.jgrad.models.LesionNetS;
import org.jgrad.nn.Module;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Adam;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void roundTripIsBitExactWithOptimizerState() throws IOException {
        Sequential model = LesionNetS.create(16, 3);
        Adam adam = new Adam(model.parameters(), 1e-3f);
        Tensor x = Tensor.randn(1, 1f, 2, 3, 16, 16);
        adam.zeroGrad();
        Losses.binaryCrossEntropyWithLogits(model.forward(x), Tensor.of(new float[] {0, 1}, 2, 1))
                .backward();
        adam.step();
        Path file = dir.resolve("model.safetensors");
        Checkpoints.save(file, model, adam, Map.of("model", "lesionnet-s"));

        Sequential copy = LesionNetS.create(16, 99);
        SafeTensors.Contents contents = Checkpoints.load(file, copy, true);
        assertEquals("lesionnet-s", contents.metadata().get("model"));
        for (var e : model.stateDict().entrySet()) {
            float[] a = e.getValue().toArray(),
                    b = copy.stateDict().get(e.getKey()).toArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), e.getKey() + "[" + i + "]");
            }
        }
        Adam restored = new Adam(copy.parameters(), 1e-3f);
        Checkpoints.loadOptimizer(contents, restored, file);
        assertEquals(1, restored.stepCount());
        assertArrayEquals(
                adam.stateDict().get("v.0").toArray(),
                restored.stateDict().get("v.0").toArray());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void truncatedFileNamesTheTensor() throws IOException {
        Sequential model = LesionNetS.create(16, 3);
        Path file = dir.resolve("model.safetensors");
        Checkpoints.save(file, model, null, Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        IOException e = assertThrows(IOException.class, () -> Checkpoints.load(file, LesionNetS.create(16, 3), true));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("'"), e.getMessage());
    }

    @Test
    void wrongShapeNamesTheTensor() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Checkpoints.save(file, LesionNetS.create(16, 3), null, Map.of());
        Module other = LesionNetS.create(32, 3); // first dense layer is 4096 wide instead of 1024
        IOException e = assertThrows(IOException.class, () -> Checkpoints.load(file, other, true));
        assertTrue(e.getMessage().contains("'10.weight'"), e.getMessage());
    }

    @Test
    void flippedByteFailsTheChecksum() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Checkpoints.save(file, LesionNetS.create(16, 3), null, Map.of());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 0x40;
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void readsAFileLaidOutAsPyTorchWritesIt() throws IOException {
        // Hand-built per the spec: F32 [2] = {1.5, -2}, F16 [1] = {1.0}, I64 [] = 7, no metadata, no checksum.
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[8,10]},"
                + "\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[10,18]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + 18).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length)
                .put(json)
                .putFloat(1.5f)
                .putFloat(-2f)
                .putShort((short) 0x3C00)
                .putLong(7);
        Path file = dir.resolve("torch.safetensors");
        Files.write(file, b.array());
        SafeTensors.Contents c = SafeTensors.read(file);
        assertArrayEquals(new float[] {1.5f, -2f}, c.tensors().get("a").values());
        assertEquals(1f, c.tensors().get("h").values()[0]);
        assertEquals(7f, c.tensors().get("n").values()[0]);
        assertEquals(0, c.tensors().get("n").shape().length);
    }

    @Test
    void writtenHeaderFollowsTheSpec() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Checkpoints.save(file, new org.jgrad.nn.Dense(3, 2, 1), null, Map.of());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        String json = new String(b.array(), 8, (int) n, StandardCharsets.UTF_8);
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.trim());
        assertEquals("F32", tree.get("weight").get("dtype").asText());
        assertEquals("[2,3]", tree.get("weight").get("shape").toString());
        assertEquals("[0,8]", tree.get("bias").get("data_offsets").toString()); // names in sorted order
        assertEquals("[8,32]", tree.get("weight").get("data_offsets").toString());
        assertTrue(tree.get("__metadata__").has(SafeTensors.CHECKSUM_KEY));
        assertEquals(8 + n + 4 * (6 + 2), Files.size(file));
    }
}
