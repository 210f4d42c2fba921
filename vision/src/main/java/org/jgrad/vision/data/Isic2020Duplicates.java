package org.jgrad.vision.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ISIC_2020_Training_Duplicates.csv} ({@code image_name_1,image_name_2}) lists pairs of
 * names for the same picture. Keeping both would let one picture sit in training and in test;
 * the second name of each pair is dropped when the first one is read.
 */
final class Isic2020Duplicates {
    static final String FILE = "ISIC_2020_Training_Duplicates.csv";

    /** What was kept, and how many were dropped. */
    record Result(List<Sample> kept, int dropped) {}

    private Isic2020Duplicates() {}

    static Result drop(List<Sample> samples, Path duplicatesFile, BadItemLog log) {
        CsvTable table = CsvTable.read(duplicatesFile, log);
        List<String> header = table.header();
        // The published list is image_name_1,image_name_2; any other two-column list of names is read alike.
        List<String> pair = header.containsAll(List.of("image_name_1", "image_name_2"))
                ? List.of("image_name_1", "image_name_2")
                : header.size() == 2 ? header : null;
        if (pair == null) {
            throw new BadInputException(
                    duplicatesFile,
                    1,
                    "expected the columns image_name_1,image_name_2 but the header is " + String.join(",", header)
                            + "; fix or move the file");
        }
        Set<String> present = new HashSet<>();
        for (Sample sample : samples) {
            present.add(sample.id());
        }
        Set<String> dropped = new HashSet<>();
        for (CsvTable.Row row : table.rows()) {
            String first = row.get(pair.get(0));
            String second = row.get(pair.get(1));
            if (present.contains(first) && !dropped.contains(first) && !first.equals(second)) {
                dropped.add(second);
            }
        }
        List<Sample> kept = new ArrayList<>();
        for (Sample sample : samples) {
            if (!dropped.contains(sample.id())) {
                kept.add(sample);
            }
        }
        return new Result(kept, samples.size() - kept.size());
    }
}
