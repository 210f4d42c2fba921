package org.jgrad.vision.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A read dataset: its samples in file order, where they came from, and how they are grouped.
 *
 * @param root       the data folder (never written to)
 * @param format     the layout that was read
 * @param labelFiles the CSV files read (empty for folder layouts)
 * @param samples    the samples, in the order of the label files
 * @param grouping   how images are tied together for the split, e.g.
 *                   {@code lesion_id from ISIC_2019_Training_Metadata.csv}, or {@code none (per image)}
 * @param skipped    bad items that were skipped (only with {@code skipBad})
 */
public record Dataset(Path root, DatasetFormat format, List<Path> labelFiles, List<Sample> samples,
                      String grouping, List<BadItem> skipped) {
    public Dataset {
        labelFiles = List.copyOf(labelFiles);
        samples = List.copyOf(samples);
        skipped = List.copyOf(skipped);
    }

    /** Number of samples with label 1. */
    public int malignantCount() {
        return (int) samples.stream().filter(s -> s.label() == Labels.MALIGNANT).count();
    }

    /** One line: format, counts per class, grouping. */
    public String summary() {
        return String.format("%s dataset at %s: %d images (%d benign, %d malignant), grouping: %s%s",
                format, root, samples.size(), samples.size() - malignantCount(), malignantCount(), grouping,
                skipped.isEmpty() ? "" : ", skipped " + skipped.size() + " bad item(s)");
    }
}
