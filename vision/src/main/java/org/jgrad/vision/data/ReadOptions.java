package org.jgrad.vision.data;

import java.util.List;
import java.util.Map;

/**
 * Options for {@link DatasetReader}.
 *
 * @param format           layout to read, or {@code null} to detect it from the files
 * @param malignantColumns ISIC 2019 columns that count as malignant; default {@code MEL} (as the
 *                         tutorial); {@code MEL,BCC,SCC} counts all malignant diagnoses
 * @param folderLabels     folder name (lower case) to label, for folder-per-class layouts
 * @param skipBad          skip and list bad rows and missing images instead of stopping at the first
 */
public record ReadOptions(
        DatasetFormat format, List<String> malignantColumns, Map<String, Integer> folderLabels, boolean skipBad) {
    /** The documented alternative to {@code MEL}: all three malignant ISIC 2019 diagnoses. */
    public static final List<String> ALL_MALIGNANT_2019 = List.of("MEL", "BCC", "SCC");

    /** Default folder names: benign/malignant, and the ISIC 2017 classes with melanoma malignant. */
    public static final Map<String, Integer> DEFAULT_FOLDER_LABELS =
            Map.of("benign", 0, "malignant", 1, "nevus", 0, "seborrheic_keratosis", 0, "melanoma", 1);

    public ReadOptions {
        malignantColumns = List.copyOf(malignantColumns);
        folderLabels = Map.copyOf(folderLabels);
        if (malignantColumns.isEmpty()) {
            throw new IllegalArgumentException("at least one malignant column is needed");
        }
    }

    /** Detect the format, MEL is malignant, default folder names, stop at the first bad item. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, List.of("MEL"), DEFAULT_FOLDER_LABELS, false);
    }

    public ReadOptions withFormat(DatasetFormat newFormat) {
        return new ReadOptions(newFormat, malignantColumns, folderLabels, skipBad);
    }

    public ReadOptions withMalignantColumns(List<String> columns) {
        return new ReadOptions(format, columns, folderLabels, skipBad);
    }

    public ReadOptions withFolderLabels(Map<String, Integer> labels) {
        return new ReadOptions(format, malignantColumns, labels, skipBad);
    }

    public ReadOptions withSkipBad(boolean skip) {
        return new ReadOptions(format, malignantColumns, folderLabels, skip);
    }
}
