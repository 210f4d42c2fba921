package org.jgrad.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked header of a safetensors file: what each tensor is and where its bytes lie.
 * A header is untrusted input, so every field is checked for its JSON type and its range before
 * anything is sized from it: dimensions are whole numbers in [0, 2^31 − 1], a tensor holds at
 * most 2^31 − 1 elements, offsets are whole numbers with end − begin = elements × dtype width,
 * and the tensors cover the data part exactly, without gaps, overlaps or trailing bytes (as the
 * format's spec requires), so a padded file is refused before its data is read.
 *
 * @param tensors   the tensors in header order
 * @param metadata  the {@code __metadata__} strings
 * @param dataBytes length of the data part, at most 2^31 − 1
 */
record SafeTensorsHeader(List<Tensor> tensors, Map<String, String> metadata, long dataBytes) {

    /** One tensor's description; {@code begin} is relative to the data part. */
    record Tensor(String name, String dtype, int[] shape, int count, long begin, long end) {}

    static SafeTensorsHeader parse(Path file, JsonNode header, long dataBytes) throws IOException {
        if (header == null || !header.isObject()) {
            throw new IOException(file + ": corrupt safetensors header: expected a JSON object, found "
                    + (header == null || header.isMissingNode()
                            ? "nothing"
                            : header.getNodeType().toString().toLowerCase()));
        }
        if (dataBytes > Integer.MAX_VALUE) {
            throw new IOException(file + ": more than 2 GB of tensor data is not supported (" + dataBytes + " bytes)");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Tensor> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : header.properties()) {
            if (field.getKey().equals("__metadata__")) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                tensors.add(readTensor(file, field.getKey(), field.getValue(), dataBytes));
            }
        }
        checkCoverage(file, tensors, dataBytes);
        return new SafeTensorsHeader(tensors, metadata, dataBytes);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) throws IOException {
        if (!node.isObject())
            throw new IOException(file + ": corrupt safetensors header: __metadata__ must be an object of strings");
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new IOException(file + ": corrupt safetensors header: __metadata__ '" + shorten(e.getKey())
                        + "' must be a string, found "
                        + e.getValue().getNodeType().toString().toLowerCase());
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static Tensor readTensor(Path file, String name, JsonNode info, long dataBytes) throws IOException {
        String where = file + ": tensor '" + shorten(name) + "': ";
        if (!info.isObject())
            throw new IOException(where + "malformed entry (expected an object with dtype, shape, data_offsets)");
        JsonNode dtypeNode = info.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual())
            throw new IOException(where + "dtype must be a string such as \"F32\"");
        String dtype = dtypeNode.textValue();
        int width = SafeTensors.dtypeWidth(dtype);
        if (width < 0) throw new IOException(where + "unsupported dtype " + shorten(dtype));
        JsonNode shapeNode = info.get("shape");
        if (shapeNode == null || !shapeNode.isArray())
            throw new IOException(where + "shape must be a list of whole numbers");
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = wholeNumber(shapeNode.get(i), where + "shape");
            if (d < 0 || d > Integer.MAX_VALUE)
                throw new IOException(where + "dimension " + d + " is out of range [0, " + Integer.MAX_VALUE + "]");
            shape[i] = (int) d;
            count *= d; // both factors are below 2^31, so the product cannot overflow before this check
            if (count > Integer.MAX_VALUE) {
                throw new IOException(
                        where + "shape " + shapeNode + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        JsonNode offsets = info.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw new IOException(where + "data_offsets must be a list of two whole numbers [begin, end]");
        }
        long begin = wholeNumber(offsets.get(0), where + "data_offsets");
        long end = wholeNumber(offsets.get(1), where + "data_offsets");
        if (begin < 0 || end < begin || end - begin != count * width) {
            throw new IOException(where + "data_offsets [" + begin + ", " + end + "] do not match shape "
                    + Arrays.toString(shape) + " of " + dtype);
        }
        if (end > dataBytes) {
            throw new IOException(where + "is truncated: needs bytes up to " + end
                    + " of the data section, the file has " + dataBytes + " (incomplete or damaged file)");
        }
        return new Tensor(name, dtype, shape, (int) count, begin, end);
    }

    /** A JSON integer that fits a long; anything else (string, null, 1.5, 1e30) is an error naming {@code what}. */
    private static long wholeNumber(JsonNode n, String what) throws IOException {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IOException(
                    what + " must hold whole numbers, found " + (n == null ? "nothing" : shorten(n.toString())));
        }
        return n.longValue();
    }

    /** The tensors must tile the data part: no overlap, no gap, nothing after the last one. */
    private static void checkCoverage(Path file, List<Tensor> tensors, long dataBytes) throws IOException {
        List<Tensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(Tensor::begin).thenComparingLong(Tensor::end));
        long covered = 0;
        for (Tensor t : sorted) {
            if (t.begin() < covered)
                throw new IOException(file + ": tensors overlap in the data section (at '" + shorten(t.name()) + "')");
            if (t.begin() > covered) {
                throw new IOException(file + ": a gap of " + (t.begin() - covered) + " bytes before tensor '"
                        + shorten(t.name()) + "' in the data section (damaged file)");
            }
            covered = t.end();
        }
        if (covered != dataBytes) {
            throw new IOException(
                    file + ": " + (dataBytes - covered) + " bytes after the last tensor (padded or damaged file)");
        }
    }

    static String shorten(String text) {
        return ShortText.of(text);
    }

    /** The first line of a parser's message, shortened. */
    static String shortMessage(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return shorten(m.lines().findFirst().orElse(m));
    }
}
