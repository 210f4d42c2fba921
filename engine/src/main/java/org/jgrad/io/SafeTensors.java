package org.jgrad.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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
    public static final String CHECKSUM_KEY = "jgrad.sha256";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    private SafeTensors() { }

    /** One tensor as stored: its shape and values. */
    public record Entry(int[] shape, float[] values, String dtype) { }

    /** A whole file: the tensors by name, in file order, and the metadata. */
    public record Contents(Map<String, Entry> tensors, Map<String, String> metadata) { }

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
            header.put(e.getKey(), Map.of("dtype", "F32", "shape", e.getValue().shape(), "data_offsets", new long[] {begin, data.position()}));
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

    public static Contents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such checkpoint file");
        long fileSize = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (fileSize < 8) throw new IOException(file + ": not a safetensors file (only " + fileSize + " bytes)");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || headerLen > fileSize - 8) {
                throw new IOException(file + ": corrupt safetensors header length " + headerLen + " (file is " + fileSize + " bytes)");
            }
            ByteBuffer headBuf = ByteBuffer.allocate((int) headerLen);
            readFully(ch, headBuf, 8);
            Map<String, Object> header;
            try {
                header = JSON.readValue(new String(headBuf.array(), StandardCharsets.UTF_8).trim(), new TypeReference<>() { });
            } catch (IOException e) {
                throw new IOException(file + ": corrupt safetensors header (not valid JSON): " + e.getMessage().lines().findFirst().orElse(""));
            }
            long dataStart = 8 + headerLen;
            long dataLen = fileSize - dataStart;
            if (dataLen > Integer.MAX_VALUE) throw new IOException(file + ": more than 2 GB of tensor data is not supported");
            ByteBuffer data = ByteBuffer.allocate((int) dataLen).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, data, dataStart);
            return parse(file, header, data.array());
        }
    }

    @SuppressWarnings("unchecked")
    private static Contents parse(Path file, Map<String, Object> header, byte[] data) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Entry> tensors = new LinkedHashMap<>();
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        List<long[]> ranges = new ArrayList<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                if (e.getValue() instanceof Map<?, ?> m) m.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> info)) throw new IOException(file + ": tensor '" + name + "': malformed entry");
            String dtype = String.valueOf(info.get("dtype"));
            int width = dtypeWidth(dtype);
            if (width < 0) throw new IOException(file + ": tensor '" + name + "': unsupported dtype " + dtype);
            List<Number> shapeList = (List<Number>) info.get("shape");
            List<Number> offsets = (List<Number>) info.get("data_offsets");
            if (shapeList == null || offsets == null || offsets.size() != 2) {
                throw new IOException(file + ": tensor '" + name + "': missing shape or data_offsets");
            }
            int[] shape = shapeList.stream().mapToInt(Number::intValue).toArray();
            long count = 1;
            for (int d : shape) {
                if (d < 0) throw new IOException(file + ": tensor '" + name + "': negative dimension");
                count *= d;
            }
            long begin = offsets.get(0).longValue(), end = offsets.get(1).longValue();
            if (end - begin != count * width || begin < 0) {
                throw new IOException(file + ": tensor '" + name + "': data_offsets [" + begin + ", " + end + "] do not match shape "
                        + java.util.Arrays.toString(shape) + " of " + dtype);
            }
            if (end > data.length) {
                throw new IOException(file + ": tensor '" + name + "' is truncated: needs bytes up to " + end
                        + " of the data section, the file has " + data.length + " (incomplete or damaged file)");
            }
            ranges.add(new long[] {begin, end});
            tensors.put(name, new Entry(shape, decode(buf, (int) begin, (int) count, dtype), dtype));
        }
        checkNoOverlap(file, ranges);
        String expected = metadata.get(CHECKSUM_KEY);
        if (expected != null && !expected.equals(sha256(data))) {
            throw new IOException(file + ": checksum mismatch: the tensor data was changed or damaged after it was written");
        }
        return new Contents(tensors, metadata);
    }

    private static void checkNoOverlap(Path file, List<long[]> ranges) throws IOException {
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i)[0] < ranges.get(i - 1)[1]) throw new IOException(file + ": tensors overlap in the data section");
        }
    }

    private static int dtypeWidth(String dtype) {
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
        if (exp == 0) return (sign == 0 ? 1 : -1) * mant * 0x1.0p-24f;          // zero or subnormal
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
