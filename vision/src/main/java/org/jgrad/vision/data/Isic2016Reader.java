package org.jgrad.vision.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ISIC 2016 Part 3 (ISBI 2016): {@code ISBI2016_ISIC_Part3_Training_GroundTruth.csv} and
 * {@code ISBI2016_ISIC_Part3_Test_GroundTruth.csv}, without header, two columns: the image id and
 * its class, written {@code benign}/{@code malignant} in the training file and {@code 0.0}/{@code 1.0}
 * in the test file.
 */
final class Isic2016Reader extends CsvLabelReader {
    static final List<String> COLUMNS = List.of("image_id", "class");

    @Override
    void checkHeader(CsvTable table) {
        // no header: the columns are given when the file is read
    }

    @Override
    RowLabel interpret(CsvTable.Row row, Path file) {
        String id = row.get("image_id");
        if (id.isEmpty()) {
            throw new BadInputException(file, row.line(), "empty image id");
        }
        String value = row.get("class").toLowerCase(Locale.ROOT);
        int label = switch (value) {
            case "benign" -> 0;
            case "malignant" -> 1;
            default -> {
                try {
                    yield CsvTable.parseZeroOne(value, file, row.line(), "2 (class)");
                } catch (BadInputException e) {
                    throw new BadInputException(
                            file,
                            row.line(),
                            "class must be benign, malignant, 0 or 1 but is '" + row.get("class") + "'");
                }
            }
        };
        return new RowLabel(id, label, null, Map.of("diagnosis", Labels.name(label)));
    }
}
