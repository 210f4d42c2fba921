package org.jgrad.vision.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * ISIC 2017: {@code image_id,melanoma,seborrheic_keratosis}. Malignant means melanoma; the
 * superpixel PNGs that ship beside the images are ignored by {@link ImageIndex}.
 */
final class Isic2017Reader extends CsvLabelReader {
    @Override
    void checkHeader(CsvTable table) {
        requireColumns(table, List.of("image_id", "melanoma", "seborrheic_keratosis"));
    }

    @Override
    RowLabel interpret(CsvTable.Row row, Path file) {
        String id = row.get("image_id");
        if (id.isEmpty()) {
            throw new BadInputException(file, row.line(), "empty image_id");
        }
        int melanoma = CsvTable.parseZeroOne(row.get("melanoma"), file, row.line(), "melanoma");
        int keratosis =
                CsvTable.parseZeroOne(row.get("seborrheic_keratosis"), file, row.line(), "seborrheic_keratosis");
        String diagnosis = melanoma == 1 ? "melanoma" : keratosis == 1 ? "seborrheic_keratosis" : "nevus";
        return new RowLabel(id, melanoma, null, Map.of("diagnosis", diagnosis));
    }
}
