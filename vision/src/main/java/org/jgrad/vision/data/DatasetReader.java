package org.jgrad.vision.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a data folder in any supported layout: the entry point for datasets. The folder is
 * walked through {@link DataFiles}: links followed, regular files only.
 *
 * <p>Detection looks at the header of every CSV file in the folder and one level below: a header
 * with {@code image} and {@code MEL} is ISIC 2019, {@code image_name} and {@code target} ISIC
 * 2020, {@code image_id} and {@code melanoma} ISIC 2017. Several label CSVs of one format (ISIC
 * 2017 ships training, validation and test files) are read one after the other. Without a label
 * CSV, class folders are looked for. {@link ReadOptions#format()} skips detection.
 */
public final class DatasetReader {
    private DatasetReader() {
    }

    /** Reads {@code root} with default options. */
    public static Dataset read(Path root) {
        return read(root, ReadOptions.defaults());
    }

    /** Reads {@code root}; throws {@link BadInputException} naming file and line for bad input. */
    public static Dataset read(Path root, ReadOptions options) {
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root, 0, "data folder does not exist");
        }
        Map<DatasetFormat, List<Path>> labelFiles = findLabelFiles(root);
        DatasetFormat format = options.format() != null ? options.format() : detect(root, labelFiles, options);
        BadItemLog log = new BadItemLog(options.skipBad());
        if (format == DatasetFormat.FOLDERS) {
            return FolderReader.read(root, options.folderLabels(), log);
        }
        List<Path> files = labelFiles.getOrDefault(format, List.of());
        if (files.isEmpty()) {
            throw new BadInputException(root, 0, "no " + format + " label CSV found");
        }
        return readCsvDataset(root, format, files, options, log);
    }

    /** The detected format of {@code root}; throws naming the folder when it is none of them. */
    public static DatasetFormat detect(Path root) {
        return detect(root, findLabelFiles(root), ReadOptions.defaults());
    }

    private static DatasetFormat detect(Path root, Map<DatasetFormat, List<Path>> labelFiles, ReadOptions options) {
        if (labelFiles.size() == 1) {
            return labelFiles.keySet().iterator().next();
        }
        if (labelFiles.size() > 1) {
            throw new BadInputException(root, 0, "label files of several formats found " + labelFiles
                    + "; choose one with the format option");
        }
        if (FolderReader.looksLikeFolders(root, options.folderLabels())) {
            return DatasetFormat.FOLDERS;
        }
        throw new BadInputException(root, 0, "no dataset found: expected an ISIC 2017/2019/2020 label CSV or class folders "
                + options.folderLabels().keySet());
    }

    private static Dataset readCsvDataset(Path root, DatasetFormat format, List<Path> files,
                                          ReadOptions options, BadItemLog log) {
        ImageIndex index = ImageIndex.of(root);
        String grouping = "none (per image)";
        CsvLabelReader reader;
        switch (format) {
            case ISIC_2019 -> {
                Path metadata = findFile(root, Isic2019Reader.METADATA_FILE);
                Map<String, String> lesions = metadata == null ? Map.of() : Isic2019Reader.readLesions(metadata, log);
                if (!lesions.isEmpty()) {
                    grouping = "lesion_id from " + metadata.getFileName();
                }
                reader = new Isic2019Reader(options.malignantColumns(), lesions);
            }
            case ISIC_2020 -> {
                reader = new Isic2020Reader();
                grouping = "patient_id";
            }
            case ISIC_2017 -> reader = new Isic2017Reader();
            default -> throw new IllegalStateException("not a CSV format: " + format);
        }
        List<Sample> samples = new ArrayList<>();
        for (Path file : files) {
            CsvTable table = CsvTable.read(file, log);
            if (table.rows().isEmpty() && log.skipped().isEmpty()) {
                throw new BadInputException(file, 1, "empty dataset: the file has a header but no data rows");
            }
            samples.addAll(reader.readRows(table, index, log));
        }
        samples = Duplicates.dropRepeatedIds(samples, log);
        if (samples.isEmpty()) {
            throw new BadInputException(files.get(0), 0, "empty dataset: no usable rows"
                    + (log.skipped().isEmpty() ? "" : " (" + log.skipped().size() + " bad rows skipped)"));
        }
        if (format == DatasetFormat.ISIC_2020 && samples.stream().allMatch(s -> s.group() == null)) {
            grouping = "none (per image; patient_id is empty)";
        }
        return new Dataset(root, format, files, samples, grouping, log.skipped());
    }

    /** Label CSVs in {@code root} and one level below, by format, in sorted path order. */
    static Map<DatasetFormat, List<Path>> findLabelFiles(Path root) {
        Map<DatasetFormat, List<Path>> found = new TreeMap<>();
        for (Path csv : DataFiles.regularFiles(root, 2)) {
            if (!csv.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
                continue;
            }
            DatasetFormat format = formatOfHeader(CsvTable.readHeader(csv));
            if (format != null) {
                found.computeIfAbsent(format, f -> new ArrayList<>()).add(csv);
            }
        }
        return found;
    }

    /** Which ISIC format a CSV header belongs to, or {@code null}. */
    static DatasetFormat formatOfHeader(List<String> header) {
        if (header.contains("image") && header.contains("MEL")) {
            return DatasetFormat.ISIC_2019;
        }
        if (header.contains("image_name") && header.contains("target")) {
            return DatasetFormat.ISIC_2020;
        }
        if (header.contains("image_id") && header.contains("melanoma")) {
            return DatasetFormat.ISIC_2017;
        }
        return null;
    }

    private static Path findFile(Path root, String name) {
        return DataFiles.regularFiles(root, 2).stream().filter(p -> p.getFileName().toString().equals(name)).findFirst().orElse(null);
    }
}
