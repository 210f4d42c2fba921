package org.jgrad.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format (the public spec used by PyTorch and Hugging Face):
 * <pre>
 *   8 bytes   N, the header length, unsigned little-endian
 *   N bytes   JSON: {"__metadata__": {string: string}, "name": {"dtype": "F32", "shape": [..],
 *             "data_offsets": [begin, end]}, ...}, padded with spaces
 *   rest      the tensors' raw little-endian bytes; offsets are relative to the start of this part
 * </pre>
 * jgrad writes F32 only and records a SHA-256 of the data part in the metadata
 * ("jgrad.sha256"), which it verifies on load when present. Files are written atomically:
 * a temporary file in the same folder, fsync, then rename over the target.
 * Reading accepts F32, F64, F16, BF16, I64 and I32 (converted to float), so PyTorch state dicts load.
 */
public final class SafeTensors {
    /** The metadata key of the data part's SHA-256 (hex), written on save and checked on load. */
    public static final String CHECKSUM_KEY = "jgrad.sha256";
    /** Duplicate keys are an error: two tensors of one name would otherwise silently keep the last. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {}

    /**
     * One tensor as stored: its shape and values.
     *
     * @param shape the dimensions, outermost first ([] for a scalar)
     * @param values the elements in row-major order, converted to float
     * @param dtype the type in the file ("F32", "F16", ...); {@link #write} always writes F32
     */
    public record Entry(int[] shape, float[] values, String dtype) {}

    /**
     * A whole file: the tensors by name, in file order, and the metadata.
     *
     * @param tensors the tensors by name, in the order of the file's header
     * @param metadata the header's {@code __metadata__} strings (empty when there are none)
     */
    public record Contents(Map<String, Entry> tensors, Map<String, String> metadata) {}

    /**
     * Writes the tensors as F32, in name order, with the metadata and the checksum, atomically.
     *
     * @param file the file to write, replaced if it exists
     * @param tensors the tensors by name
     * @param metadata strings for the header ({@link #CHECKSUM_KEY} is added)
     * @throws IOException if the tensors hold more than 2 GB, or writing fails
     */
    public static void write(Path file, Map<String, Entry> tensors, Map<String, String> metadata) throws IOException {
        // Lay out the data part in name order (deterministic files), then the header that points into it.
        Map<String, Entry> sorted = new TreeMap<>(tensors);
        long total = 0;
        for (Entry e : sorted.values()) total += 4L * e.values().length;
        if (total > Integer.MAX_VALUE) throw new IOException("safetensors: more than 2 GB of tensors is not supported");
        ByteBuffer data = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Object> header = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        for (Map.Entry<String, Entry> e : sorted.entrySet()) {
            int begin = data.position();
            for (float v : e.getValue().values()) data.putFloat(v);
            header.put(e.getKey(), Map.of("dtype", "F32", "shape", e.getValue().shape(), "data_offsets", new long[] {
                begin, data.position()
            }));
        }
        meta.put(CHECKSUM_KEY, sha256(data.array()));
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("__metadata__", meta);
        full.putAll(header);
        byte[] json = JSON.writeValueAsBytes(full);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) head.put((byte) ' ');
        head.flip();
        AtomicFiles.write(file, head, ByteBuffer.wrap(data.array()));
    }

    /**
     * Reads {@code file}. Every field of the header is type- and range-checked against the file's
     * length before anything is sized from it, so a hostile or damaged header gives one
     * {@link IOException} naming the file and the field, never a huge allocation or a raw Java error.
     *
     * @param file a safetensors file
     * @return its tensors, converted to float, and metadata
     * @throws IOException if the file is missing, unreadable, not safetensors, has a damaged header
     *     or an unsupported dtype, or fails its checksum
     */
    public static Contents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such checkpoint file");
        long fileSize = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (fileSize < 8) throw new IOException(file + ": not a safetensors file (only " + fileSize + " bytes)");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || headerLen > fileSize - 8) {
                throw new IOException(file + ": corrupt safetensors header length " + headerLen + " (file is "
                        + fileSize + " bytes)");
            }
            ByteBuffer headBuf = ByteBuffer.allocate((int) headerLen);
            readFully(ch, headBuf, 8);
            JsonNode header;
            try {
                header = JSON.readTree(new String(headBuf.array(), StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                String why = SafeTensorsHeader.shortMessage(e);
                throw new IOException(file + ": corrupt safetensors header"
                        + (why.startsWith("Duplicate field")
                                ? ": a name appears twice (" + why + ")"
                                : " (not valid JSON): " + why));
            }
            long dataStart = 8 + headerLen;
            SafeTensorsHeader layout = SafeTensorsHeader.parse(file, header, fileSize - dataStart);
            // Only now, with every tensor's bytes known to lie inside the file and to cover it, is the data read.
            ByteBuffer data = ByteBuffer.allocate((int) layout.dataBytes()).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, data, dataStart);
            String expected = layout.metadata().get(CHECKSUM_KEY);
            if (expected != null && !expected.equals(sha256(data.array()))) {
                throw new IOException(
                        file + ": checksum mismatch: the tensor data was changed or damaged after it was written");
            }
            Map<String, Entry> tensors = new LinkedHashMap<>();
            for (SafeTensorsHeader.Tensor t : layout.tensors()) {
                tensors.put(
                        t.name(), new Entry(t.shape(), decode(data, (int) t.begin(), t.count(), t.dtype()), t.dtype()));
            }
            return new Contents(tensors, layout.metadata());
        }
    }

    /**
     * The first tensor of {@code contents} holding NaN or ±infinity, described ("tensor 'w' holds NaN
     * at index 3 (5 of 12 values are not finite)"), or {@code null} when every value is finite.
     *
     * @param contents the tensors to look through, in order
     * @return the description, or null
     */
    public static String firstNonFinite(Contents contents) {
        for (Map.Entry<String, Entry> e : contents.tensors().entrySet()) {
            float[] v = e.getValue().values();
            int first = -1, bad = 0;
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    if (first < 0) first = i;
                    bad++;
                }
            }
            if (bad > 0) {
                return "tensor '" + ShortText.of(e.getKey()) + "' holds " + v[first] + " at index " + first + " (" + bad
                        + " of " + v.length + " values are not finite)";
            }
        }
        return null;
    }

    /** Bytes per element of a supported dtype, or -1. */
    static int dtypeWidth(String dtype) {
        return switch (dtype) {
            case "F32", "I32" -> 4;
            case "F64", "I64" -> 8;
            case "F16", "BF16" -> 2;
            default -> -1;
        };
    }

    private static float[] decode(ByteBuffer buf, int offset, int count, String dtype) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (dtype) {
                case "F32" -> buf.getFloat(offset + 4 * i);
                case "F64" -> (float) buf.getDouble(offset + 8 * i);
                case "I64" -> (float) buf.getLong(offset + 8 * i);
                case "I32" -> (float) buf.getInt(offset + 4 * i);
                case "BF16" -> Float.intBitsToFloat((buf.getShort(offset + 2 * i) & 0xFFFF) << 16);
                default -> halfToFloat(buf.getShort(offset + 2 * i));
            };
        }
        return out;
    }

    /** IEEE 754 binary16 → float32 (Float.float16ToFloat needs Java 20). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16, exp = (bits >>> 10) & 0x1F, mant = bits & 0x3FF;
        if (exp == 0) return (sign == 0 ? 1 : -1) * mant * 0x1.0p-24f; // zero or subnormal
        if (exp == 31) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13)); // inf or NaN
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) throw new IOException("unexpected end of file");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
