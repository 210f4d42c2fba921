package org.jgrad.vision.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Finds the label files of a data folder (the folder and one level below) and says which format
 * each belongs to, by header, or by name for ISIC 2016 whose ground truth has no header. Files
 * that look like labels but are not (a Kaggle submission template, an unlabelled test list, an
 * older version of a list shipped beside its successor) are left out with a note saying why.
 */
final class LabelFileFinder {
    private static final Pattern ISIC_2016_GROUND_TRUTH =
            Pattern.compile("ISBI2016_ISIC_Part3_(Training|Test)_GroundTruth\\.csv", Pattern.CASE_INSENSITIVE);

    /** Label files by format (sorted paths), and notes on the files left out, by the format they concern. */
    record Found(Map<DatasetFormat, List<Path>> files, Map<DatasetFormat, List<String>> notes) {
        List<Path> filesOf(DatasetFormat format) {
            return files.getOrDefault(format, List.of());
        }

        List<String> notesOf(DatasetFormat format) {
            return notes.getOrDefault(format, List.of());
        }
    }

    private LabelFileFinder() {}

    static Found find(Path root) {
        return find(root, 2);
    }

    static Found find(Path root, int depth) {
        Map<DatasetFormat, List<Path>> files = new TreeMap<>();
        Map<DatasetFormat, List<String>> notes = new TreeMap<>();
        for (Path csv : csvFiles(root, depth)) {
            String name = csv.getFileName().toString();
            List<String> header = CsvTable.readHeader(csv);
            if (ISIC_2016_GROUND_TRUTH.matcher(name).matches()) {
                add(files, DatasetFormat.ISIC_2016, csv);
            } else if (name.equalsIgnoreCase("sample_submission.csv")
                    || header.equals(List.of("image_name", "target"))) {
                add(notes, DatasetFormat.ISIC_2020, name + " ignored: a Kaggle submission template, not labels");
            } else if (header.contains("image_name") && !header.contains("target")) {
                add(
                        notes,
                        DatasetFormat.ISIC_2020,
                        name + " ignored: it has no target column (unlabelled test"
                                + " images, never used for training or testing)");
            } else {
                DatasetFormat format = formatOfHeader(header);
                if (format == DatasetFormat.HAM10000 && Division.ofName(name) != null) {
                    add(
                            notes,
                            format,
                            name + " ignored: a separate test set with HAM10000 columns;"
                                    + " read it as a data set of its own");
                } else if (format != null) {
                    add(files, format, csv);
                }
            }
        }
        preferNewerVersions(files, notes);
        return new Found(files, notes);
    }

    /** Which format a CSV header belongs to, or {@code null}. */
    static DatasetFormat formatOfHeader(List<String> header) {
        if (header.contains("image") && header.contains("MEL") && header.contains("AKIEC")) {
            return DatasetFormat.ISIC_2018;
        }
        if (header.contains("image") && header.contains("MEL")) {
            return DatasetFormat.ISIC_2019;
        }
        if (header.contains("image_name") && header.contains("target")) {
            return DatasetFormat.ISIC_2020;
        }
        if (header.contains("image_id") && header.contains("melanoma")) {
            return DatasetFormat.ISIC_2017;
        }
        if (header.contains("image_id") && header.contains("lesion_id") && header.contains("dx")) {
            return DatasetFormat.HAM10000;
        }
        return null;
    }

    /**
     * {@code X.csv} beside {@code X_v2.csv} (ISIC 2020 ships both ground truths): only the newer
     * one is read, else every image would be read twice.
     */
    private static void preferNewerVersions(
            Map<DatasetFormat, List<Path>> files, Map<DatasetFormat, List<String>> notes) {
        for (Map.Entry<DatasetFormat, List<Path>> entry : files.entrySet()) {
            List<Path> kept = new ArrayList<>(entry.getValue());
            for (Path file : entry.getValue()) {
                String name = file.getFileName().toString();
                String base = name.replaceFirst("(?i)\\.csv$", "");
                Path newer = file.resolveSibling(base + "_v2.csv");
                if (kept.contains(newer)) {
                    kept.remove(file);
                    add(
                            notes,
                            entry.getKey(),
                            name + " ignored: " + newer.getFileName() + " is its newer version and is read instead");
                }
            }
            entry.setValue(kept);
        }
    }

    /** CSV files up to {@code depth} levels down, walked as every data folder is ({@link DataFiles}: links followed, regular files only). */
    private static List<Path> csvFiles(Path root, int depth) {
        return DataFiles.regularFiles(root, depth).stream()
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                .toList();
    }

    private static <T> void add(Map<DatasetFormat, List<T>> map, DatasetFormat format, T value) {
        map.computeIfAbsent(format, f -> new ArrayList<>()).add(value);
    }
}
