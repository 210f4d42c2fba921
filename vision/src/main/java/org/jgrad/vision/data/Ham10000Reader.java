package org.jgrad.vision.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HAM10000 (Harvard Dataverse and Kaggle): {@code HAM10000_metadata.csv} with
 * {@code lesion_id,image_id,dx,dx_type,age,sex,localization}; the images lie in
 * {@code HAM10000_images_part_1/} and {@code HAM10000_images_part_2/}. An image is malignant when
 * its {@code dx} is one of the malignant diagnoses (default {@code mel}); {@code lesion_id} groups
 * the several pictures of one lesion.
 */
final class Ham10000Reader extends CsvLabelReader {
    static final List<String> DIAGNOSES = List.of("akiec", "bcc", "bkl", "df", "mel", "nv", "vasc");
    private static final List<String> METADATA = List.of("dx_type", "age", "sex", "localization");

    private final List<String> malignant;

    /** {@code malignant}: dx codes in any case; each must be one of {@link #DIAGNOSES}. */
    Ham10000Reader(List<String> malignant) {
        this.malignant = malignant.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        for (String dx : this.malignant) {
            if (!DIAGNOSES.contains(dx)) {
                throw new IllegalArgumentException(
                        "--malignant: '" + dx + "' is not a HAM10000 diagnosis (expected some of "
                                + String.join(",", DIAGNOSES) + ", e.g. mel,bcc,akiec)");
            }
        }
    }

    List<String> malignant() {
        return malignant;
    }

    @Override
    void checkHeader(CsvTable table) {
        requireColumns(table, List.of("lesion_id", "image_id", "dx"));
    }

    @Override
    RowLabel interpret(CsvTable.Row row, Path file) {
        String id = row.get("image_id");
        if (id.isEmpty()) {
            throw new BadInputException(file, row.line(), "empty image_id");
        }
        String dx = row.get("dx").toLowerCase(Locale.ROOT);
        if (!DIAGNOSES.contains(dx)) {
            throw new BadInputException(
                    file, row.line(), "dx '" + row.get("dx") + "' is not one of " + String.join(",", DIAGNOSES));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("diagnosis", dx);
        for (String column : METADATA) {
            String value = valueOrEmpty(row, column);
            if (!value.isEmpty()) {
                metadata.put(column, value);
            }
        }
        String lesion = row.get("lesion_id");
        return new RowLabel(id, malignant.contains(dx) ? 1 : 0, lesion.isEmpty() ? null : lesion, metadata);
    }
}
