package org.jgrad.vision.data;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ISIC 2019: {@code image,MEL,NV,BCC,AK,BKL,DF,VASC,SCC,UNK}, one-hot diagnoses written
 * {@code 0.0}/{@code 1.0}. An image is malignant when any of the configured columns is 1 (default
 * {@code MEL}). Lesion ids come from {@code ISIC_2019_Training_Metadata.csv} when it is present,
 * so the split can keep all images of one lesion together.
 */
final class Isic2019Reader extends CsvLabelReader {
    static final List<String> DIAGNOSES = List.of("MEL", "NV", "BCC", "AK", "BKL", "DF", "VASC", "SCC", "UNK");
    static final String METADATA_FILE = "ISIC_2019_Training_Metadata.csv";

    private final List<String> malignantColumns;
    private final Map<String, String> lesionByImage;

    Isic2019Reader(List<String> malignantColumns, Map<String, String> lesionByImage) {
        this.malignantColumns = malignantColumns;
        this.lesionByImage = lesionByImage;
    }

    @Override
    void checkHeader(CsvTable table) {
        requireColumns(table, List.of("image"));
        requireColumns(table, malignantColumns);
    }

    @Override
    RowLabel interpret(CsvTable.Row row, Path file) {
        String id = row.get("image");
        if (id.isEmpty()) {
            throw new BadInputException(file, row.line(), "empty image id");
        }
        int label = 0;
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : row.fields().entrySet()) {
            if (field.getKey().equals("image")) {
                continue;
            }
            int value = CsvTable.parseZeroOne(field.getValue(), file, row.line(), field.getKey());
            if (value == 1) {
                metadata.put("diagnosis", field.getKey());
                if (malignantColumns.contains(field.getKey())) {
                    label = 1;
                }
            }
        }
        String lesion = lesionByImage.get(id);
        if (lesion != null) {
            metadata.put("lesion_id", lesion);
        }
        return new RowLabel(id, label, lesion, metadata);
    }

    /** Reads image → lesion_id from the metadata CSV (rows without a lesion id are left out). */
    static Map<String, String> readLesions(Path metadataFile, BadItemLog log) {
        Map<String, String> lesions = new HashMap<>();
        CsvTable table = CsvTable.read(metadataFile, log);
        if (!table.header().contains("image") || !table.header().contains("lesion_id")) {
            return lesions;
        }
        for (CsvTable.Row row : table.rows()) {
            String lesion = row.get("lesion_id");
            if (!lesion.isEmpty()) {
                lesions.put(row.get("image"), lesion);
            }
        }
        return lesions;
    }
}
