package org.jgrad.vision.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a data folder in any supported layout: the entry point for datasets. The folder is
 * walked through {@link DataFiles}: links followed, regular files only.
 *
 * <p>Detection looks at every CSV file in the folder and one level below ({@link LabelFileFinder}):
 * by header for ISIC 2017-2020 and HAM10000, by name for ISIC 2016 (no header). Several label
 * CSVs of one format (ISIC 2016-2018 ship Training, Validation and Test files) are read one after
 * the other, each sample remembering its official part ({@link Division}). Without a label CSV,
 * class folders are looked for. {@link ReadOptions#format()} skips detection.
 */
public final class DatasetReader {
    private DatasetReader() {}

    /** Reads {@code root} with default options. */
    public static Dataset read(Path root) {
        return read(root, ReadOptions.defaults());
    }

    /** Reads {@code root}; throws {@link BadInputException} naming file and line for bad input. */
    public static Dataset read(Path root, ReadOptions options) {
        checkDataFolder(root);
        LabelFileFinder.Found found = LabelFileFinder.find(root);
        DatasetFormat format = options.format() != null ? options.format() : detect(root, found, options);
        BadItemLog log = new BadItemLog(options.skipBad());
        if (format == DatasetFormat.FOLDERS) {
            Dataset folders = FolderReader.read(root, options.folderLabels(), log);
            List<String> notes = new ArrayList<>(folders.notes());
            addCommonNotes(notes, format, folders.grouping(), options);
            return new Dataset(
                    root,
                    format,
                    List.of(),
                    folders.samples(),
                    folders.grouping(),
                    folders.skipped(),
                    folders.labelRule(),
                    notes);
        }
        List<Path> files = found.filesOf(format);
        if (files.isEmpty()) {
            throw new BadInputException(root, 0, "no " + format + " label CSV found");
        }
        return readCsvDataset(root, format, files, found.notesOf(format), options, log);
    }

    /** The detected format of {@code root}; throws naming the folder when it is none of them. */
    public static DatasetFormat detect(Path root) {
        checkDataFolder(root);
        return detect(root, LabelFileFinder.find(root), ReadOptions.defaults());
    }

    /** A file or a missing folder given as the data folder: one line saying what to pass instead. */
    private static void checkDataFolder(Path root) {
        if (Files.isRegularFile(root)) {
            Path parent = root.toAbsolutePath().getParent();
            throw new BadInputException(root, 0, "is a file: pass the folder that holds it, --data " + parent);
        }
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root, 0, "data folder does not exist");
        }
    }

    private static DatasetFormat detect(Path root, LabelFileFinder.Found found, ReadOptions options) {
        Map<DatasetFormat, List<Path>> labelFiles = found.files();
        if (labelFiles.size() == 1) {
            return labelFiles.keySet().iterator().next();
        }
        if (labelFiles.size() > 1) {
            throw new BadInputException(
                    root, 0, "label files of several formats found " + labelFiles + "; choose one with --format");
        }
        if (FolderReader.looksLikeFolders(root, options.folderLabels())) {
            return DatasetFormat.FOLDERS;
        }
        Path labelsAbove = labelFileAbove(root);
        if (labelsAbove != null) {
            Path parent = root.toAbsolutePath().normalize().getParent();
            throw new BadInputException(
                    root,
                    0,
                    "no label file here, but " + parent.relativize(labelsAbove)
                            + " one level up lists its images: pass --data " + parent);
        }
        throw new BadInputException(
                root,
                0,
                "no dataset found: expected the label CSV of an ISIC 2016-2020 or HAM10000"
                        + " download, or class folders "
                        + options.folderLabels().keySet());
    }

    /**
     * A label file in the parent folder (or beside {@code root}, as ISIC 2018 keeps its ground truth
     * in a sibling folder) that lists an image of {@code root}: the user passed the image folder.
     */
    private static Path labelFileAbove(Path root) {
        Path parent = root.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            return null;
        }
        String id;
        try (Stream<Path> files = Files.list(root)) {
            id = files.filter(ImageIndex::isLesionImage)
                    .sorted()
                    .map(ImageIndex::idOf)
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
        if (id == null) {
            return null;
        }
        for (List<Path> files : LabelFileFinder.find(parent, 2).files().values()) {
            for (Path file : files) {
                try (Stream<String> lines = Files.lines(file)) {
                    if (lines.anyMatch(line -> line.contains(id))) {
                        return file;
                    }
                } catch (IOException | UncheckedIOException e) {
                    // an unreadable file is no hint; the plain message follows
                }
            }
        }
        return null;
    }

    private static Dataset readCsvDataset(
            Path root,
            DatasetFormat format,
            List<Path> files,
            List<String> fileNotes,
            ReadOptions options,
            BadItemLog log) {
        ImageIndex index = ImageIndex.of(root);
        List<String> notes = new ArrayList<>(fileNotes);
        CsvPlan plan = CsvPlan.of(root, format, options, log, notes);
        List<Sample> samples = new ArrayList<>();
        for (Path file : files) {
            CsvTable table = format == DatasetFormat.ISIC_2016
                    ? CsvTable.readWithoutHeader(file, Isic2016Reader.COLUMNS, log)
                    : CsvTable.read(file, log);
            if (table.rows().isEmpty() && log.skipped().isEmpty()) {
                throw new BadInputException(file, 1, "empty dataset: the file has a header but no data rows");
            }
            String part = format.hasOfficialDivision()
                    ? Division.ofName(file.getFileName().toString())
                    : null;
            for (Sample sample : plan.reader().readRows(table, index, log)) {
                samples.add(part == null ? sample : sample.withMetadata(Division.KEY, part));
            }
        }
        samples = Duplicates.dropRepeatedIds(samples, log);
        if (samples.isEmpty()) {
            throw new BadInputException(
                    files.get(0),
                    0,
                    "empty dataset: no usable rows"
                            + (log.skipped().isEmpty()
                                    ? ""
                                    : " (" + log.skipped().size() + " bad rows skipped)"));
        }
        if (format == DatasetFormat.ISIC_2020) {
            samples = dropDuplicates(root, samples, log, notes);
        }
        String grouping = groupingOf(plan.grouping(), samples);
        addCommonNotes(notes, format, grouping, options);
        return new Dataset(root, format, files, samples, grouping, log.skipped(), plan.labelRule(), notes);
    }

    private static List<Sample> dropDuplicates(Path root, List<Sample> samples, BadItemLog log, List<String> notes) {
        Path duplicates = findFile(root, Isic2020Duplicates.FILE);
        if (duplicates == null) {
            return samples;
        }
        Isic2020Duplicates.Result result = Isic2020Duplicates.drop(samples, duplicates, log);
        notes.add("dropped " + result.dropped() + " image(s) that " + duplicates.getFileName()
                + " lists as duplicates of another image (the first of each pair is kept)");
        return result.kept();
    }

    /** The plan's grouping, or "none" when no sample has a group, noting how many stand alone when some do not. */
    private static String groupingOf(String planned, List<Sample> samples) {
        long alone = samples.stream().filter(s -> s.group() == null).count();
        if (alone == samples.size()) {
            return Dataset.PER_IMAGE;
        }
        return alone == 0 ? planned : planned + " (" + alone + " image(s) without one stand alone)";
    }

    /** Notes every read gets: lesions that may cross splits, options that do not apply. */
    private static void addCommonNotes(List<String> notes, DatasetFormat format, String grouping, ReadOptions options) {
        boolean crossingSaid = notes.stream().anyMatch(n -> n.contains("may cross splits"));
        if (grouping.equals(Dataset.PER_IMAGE) && !crossingSaid) {
            notes.add(
                    "no lesion or patient ids in this data set: grouping is per image, so pictures of one lesion may cross splits");
        }
        boolean columnsApply = format == DatasetFormat.ISIC_2018
                || format == DatasetFormat.ISIC_2019
                || format == DatasetFormat.HAM10000;
        if (!columnsApply && !options.malignantColumns().equals(List.of("MEL"))) {
            notes.add("--malignant " + String.join(",", options.malignantColumns())
                    + " ignored: it applies to ISIC 2018, ISIC 2019 and HAM10000 only");
        }
    }

    static Path findFile(Path root, String name) {
        return DataFiles.regularFiles(root, 2).stream()
                .filter(p -> p.getFileName().toString().equals(name))
                .findFirst()
                .orElse(null);
    }
}
