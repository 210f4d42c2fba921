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
    record Result(List<Sample> kept, int dropped) {
    }

    private Isic2020Duplicates() {
    }

    static Result drop(List<Sample> samples, Path duplicatesFile, BadItemLog log) {
        CsvTable table = CsvTable.read(duplicatesFile, log);
        CsvLabelReader.requireColumns(table, List.of("image_name_1", "image_name_2"));
        Set<String> present = new HashSet<>();
        for (Sample sample : samples) {
            present.add(sample.id());
        }
        Set<String> dropped = new HashSet<>();
        for (CsvTable.Row row : table.rows()) {
            String first = row.get("image_name_1");
            String second = row.get("image_name_2");
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
