package org.jgrad.reliability;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jgrad.io.Checkpoints;
import org.jgrad.io.NonFiniteWeightsException;
import org.jgrad.io.SafeTensors;
import org.jgrad.nn.Dense;
import org.jgrad.nn.Module;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile and damaged safetensors files, generated here byte by byte: each must be refused with
 * one short {@link IOException} line that names the file, never a raw Java error, a silent
 * misreading or a huge allocation; and weights holding NaN or infinity are refused on load.
 */
class HostileCheckpointTest {
    @TempDir
    Path dir;

    /** A safetensors file with this header text and {@code dataBytes} zero bytes of data. */
    private Path file(String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        Path f = dir.resolve("hostile.safetensors");
        Files.write(f, b.array());
        return f;
    }

    private static void assertOneNamedLine(IOException e, Path file, String expected) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()), "names the file: " + m);
        assertTrue(m.contains(expected), "says '" + expected + "': " + m);
        assertEquals(1, m.lines().count(), "one line: " + m);
        assertTrue(m.length() < file.toString().length() + 250, "short: " + m);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        null header                | null                                                                     | 0  | expected a JSON object, found null
        array header               | []                                                                       | 0  | expected a JSON object, found array
        shape is a string          | {"w":{"dtype":"F32","shape":"abc","data_offsets":[0,4]}}                 | 4  | shape must be a list
        shape holds null           | {"w":{"dtype":"F32","shape":[null],"data_offsets":[0,4]}}                | 4  | shape must hold whole numbers
        shape holds a fraction     | {"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}                 | 4  | shape must hold whole numbers
        offsets are strings        | {"w":{"dtype":"F32","shape":[1],"data_offsets":["a","b"]}}               | 4  | data_offsets must hold whole numbers
        offsets missing            | {"w":{"dtype":"F32","shape":[1]}}                                        | 4  | data_offsets must be a list
        dtype is a number          | {"w":{"dtype":7,"shape":[1],"data_offsets":[0,4]}}                       | 4  | dtype must be a string
        unknown dtype              | {"w":{"dtype":"Q4","shape":[1],"data_offsets":[0,4]}}                    | 4  | unsupported dtype Q4
        entry is a number          | {"w":3}                                                                  | 0  | malformed entry
        shape product overflows    | {"w":{"dtype":"F32","shape":[65536,65536,65536,65536],"data_offsets":[0,0]}} | 0 | elements
        dimension above int range  | {"w":{"dtype":"F32","shape":[4294967312],"data_offsets":[0,64]}}         | 64 | dimension 4294967312 is out of range
        negative dimension         | {"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}                  | 4  | dimension -1 is out of range
        huge integer offset        | {"w":{"dtype":"F32","shape":[1],"data_offsets":[0,99999999999999999999999]}} | 4 | data_offsets must hold whole numbers
        offsets past the file      | {"w":{"dtype":"F32","shape":[1000],"data_offsets":[0,4000]}}             | 4  | truncated
        offsets do not match shape | {"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}                   | 4  | do not match shape
        duplicate tensor names     | {"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}} | 8 | a name appears twice
        overlapping tensors        | {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}} | 8 | overlap
        gap between tensors        | {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}} | 12 | a gap of 4 bytes
        bytes after the tensors    | {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}                   | 16 | 12 bytes after the last tensor
        metadata not strings       | {"__metadata__":{"jgrad.image_size":128},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}} | 4 | must be a string
        metadata not an object     | {"__metadata__":"x","a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}} | 4 | __metadata__ must be an object
        not json                   | {"a":                                                                    | 0  | not valid JSON
        """)
    void refusedWithOneLineNamingTheFile(String what, String header, int dataBytes, String expected)
            throws IOException {
        Path f = file(header, dataBytes);
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(f), what);
        assertOneNamedLine(e, f, expected);
    }

    @Test
    void aLongNameIsShortenedInTheError() throws IOException {
        String name = "n".repeat(40_000); // below the JSON parser's own limit on names, so it reaches the message
        Path f = file("{\"" + name + "\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);
        assertOneNamedLine(assertThrows(IOException.class, () -> SafeTensors.read(f)), f, "unsupported dtype Q4");
        Path huge =
                file("{\"" + "n".repeat(5 << 20) + "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);
        assertOneNamedLine(assertThrows(IOException.class, () -> SafeTensors.read(huge)), huge, "not valid JSON");
    }

    @Test
    void aHugePaddedFileIsRefusedBeforeItsDataIsRead() throws IOException {
        // A valid 4-byte tensor followed by 1.5 GB of sparse padding: reading it whole would need 1.5 GB of heap.
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.FileSystems.getDefault()
                        .supportedFileAttributeViews()
                        .contains("posix"),
                "sparse files (POSIX file systems) keep this file from taking 1.5 GB of disk");
        Path f = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);
        long padded = 1_500_000_000L;
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(padded);
        }
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertOneNamedLine(e, f, "bytes after the last tensor");
    }

    @Test
    void validFilesStillRead() throws IOException {
        Path f = file(
                "{\"__metadata__\":{\"k\":\"v\"},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[4,4]}}",
                4);
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals("v", c.metadata().get("k"));
        assertArrayEquals(new int[] {0, 3}, c.tensors().get("e").shape());
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingFileAndTensor() throws IOException {
        Module model = new Dense(3, 2, 1);
        Path f = dir.resolve("nan.safetensors");
        Checkpoints.save(f, model, null, Map.of());
        Map<String, SafeTensors.Entry> tensors =
                new java.util.LinkedHashMap<>(SafeTensors.read(f).tensors());
        float[] bias = tensors.get("bias").values().clone();
        bias[1] = Float.NaN;
        tensors.put("bias", new SafeTensors.Entry(new int[] {2}, bias, "F32"));
        SafeTensors.write(f, tensors, Map.of());

        NonFiniteWeightsException e =
                assertThrows(NonFiniteWeightsException.class, () -> Checkpoints.load(f, new Dense(3, 2, 1), true));
        assertOneNamedLine(e, f, "tensor 'bias' holds NaN at index 1 (1 of 2 values are not finite)");
        Module debug = new Dense(3, 2, 1);
        assertDoesNotThrow(() -> Checkpoints.load(f, SafeTensors.read(f), debug, true, true), "allowed for debugging");
        assertTrue(Float.isNaN(debug.stateDict().get("bias").toArray()[1]));
    }

    @Test
    void infinityInAnF16TensorIsCaughtToo() throws IOException {
        Path f = file("{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 0);
        byte[] bytes = Files.readAllBytes(f);
        byte[] withData = java.util.Arrays.copyOf(bytes, bytes.length + 4);
        withData[bytes.length + 2] = 0x00;
        withData[bytes.length + 3] = 0x7C; // +infinity in binary16, little-endian
        Files.write(f, withData);
        String problem = SafeTensors.firstNonFinite(SafeTensors.read(f));
        assertEquals("tensor 'w' holds Infinity at index 1 (1 of 2 values are not finite)", problem);
    }
}
