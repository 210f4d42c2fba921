package org.jgrad.vision.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ISIC 2020: {@code image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,
 * benign_malignant,target}. The label is {@code target}; {@code patient_id} groups the images of
 * one patient for the split.
 */
final class Isic2020Reader extends CsvLabelReader {
    private static final List<String> METADATA =
            List.of("sex", "age_approx", "anatom_site_general_challenge", "diagnosis", "benign_malignant");

    @Override
    void checkHeader(CsvTable table) {
        requireColumns(table, List.of("image_name", "target"));
    }

    @Override
    RowLabel interpret(CsvTable.Row row, Path file) {
        String id = row.get("image_name");
        if (id.isEmpty()) {
            throw new BadInputException(file, row.line(), "empty image_name");
        }
        int label = CsvTable.parseZeroOne(row.get("target"), file, row.line(), "target");
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String column : METADATA) {
            String value = valueOrEmpty(row, column);
            if (!value.isEmpty()) {
                metadata.put(column, value);
            }
        }
        String patient = valueOrEmpty(row, "patient_id");
        return new RowLabel(id, label, patient.isEmpty() ? null : patient, metadata);
    }
}
