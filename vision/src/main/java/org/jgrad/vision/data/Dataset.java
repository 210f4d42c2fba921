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
 * @param labelRule  which diagnoses count as malignant, e.g. {@code malignant = MEL; benign = everything else}
 * @param notes      what the user must know about this read: files ignored and why, duplicates
 *                   dropped, lesions that may cross splits; one line each
 */
public record Dataset(
        Path root,
        DatasetFormat format,
        List<Path> labelFiles,
        List<Sample> samples,
        String grouping,
        List<BadItem> skipped,
        String labelRule,
        List<String> notes) {
    /** Grouping text of a dataset without lesion or patient ids. */
    public static final String PER_IMAGE = "none (per image)";

    public Dataset {
        labelFiles = List.copyOf(labelFiles);
        samples = List.copyOf(samples);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    /** Number of samples with label 1. */
    public int malignantCount() {
        return (int) samples.stream().filter(s -> s.label() == Labels.MALIGNANT).count();
    }

    /** True when some sample carries an official train/validation/test part ({@link Division}). */
    public boolean hasOfficialDivision() {
        return samples.stream().anyMatch(s -> s.officialSplit() != null);
    }

    /** One line: format, counts per class, grouping. */
    public String summary() {
        return String.format(
                "%s dataset at %s: %d images (%d benign, %d malignant), grouping: %s%s",
                format,
                root,
                samples.size(),
                samples.size() - malignantCount(),
                malignantCount(),
                grouping,
                skipped.isEmpty() ? "" : ", skipped " + skipped.size() + " bad item(s)");
    }

    /**
     * What to print under the summary: the label rule, the notes, and the skipped items (one per
     * line), each line ending with a line separator.
     */
    public String details() {
        StringBuilder text = new StringBuilder("labels: " + labelRule + System.lineSeparator());
        for (String note : notes) {
            text.append("note: ").append(note).append(System.lineSeparator());
        }
        if (!skipped.isEmpty()) {
            text.append("skipped ")
                    .append(skipped.size())
                    .append(" bad item(s) (--skip-bad):")
                    .append(System.lineSeparator());
            for (BadItem item : skipped) {
                text.append("  ").append(item).append(System.lineSeparator());
            }
        }
        return text.toString();
    }
}
