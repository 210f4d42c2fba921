package org.jgrad.vision.split;

import org.jgrad.vision.data.BadInputException;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.data.Labels;
import org.jgrad.vision.data.ReadOptions;
import org.jgrad.vision.data.Sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code split} command's API: read a dataset, split it (stratified, grouped, seeded), check
 * that every split has both classes, and write the split CSVs (and, if asked, linked or copied
 * image folders) into an output folder outside the data folder.
 */
public final class DatasetSplitter {
    private DatasetSplitter() {
    }

    /** Reads {@code dataDir} and writes its split into {@code outDir}; returns the counts. */
    public static SplitResult split(Path dataDir, Path outDir, ReadOptions readOptions, SplitOptions options) {
        checkOutsideData(dataDir, outDir);
        Dataset dataset = DatasetReader.read(dataDir, readOptions);
        return split(dataset, outDir, options);
    }

    /** Splits an already read dataset and writes the split into {@code outDir}. */
    public static SplitResult split(Dataset dataset, Path outDir, SplitOptions options) {
        checkOutsideData(dataset.root(), outDir);
        Map<SplitName, List<Sample>> splits = StratifiedGroupSplitter.assign(dataset.samples(), options);
        Path source = dataset.labelFiles().isEmpty() ? dataset.root() : dataset.labelFiles().get(0);
        SplitResult result = new SplitResult(splits, dataset.grouping(), outDir);
        checkBothClasses(result, options, source);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir, e);
        }
        for (SplitName split : SplitName.values()) {
            SplitFiles.write(result.csv(split), splits.get(split));
        }
        if (options.linkMode() != LinkMode.NONE) {
            ImageFolderLayout.write(result, options.linkMode());
        }
        return result;
    }

    /**
     * The split a folder layout already has ({@code train/ valid/ test/} × class folders), written
     * into {@code outDir} like a computed one; empty when the images are not all under such folders
     * or there is no train or no test folder. Without a validation folder, a seeded, stratified
     * ninth of train becomes validation (10% of the whole, as in the default split).
     */
    public static java.util.Optional<SplitResult> fromFolders(Dataset dataset, Path outDir, long seed) {
        Map<SplitName, List<Sample>> splits = new java.util.EnumMap<>(SplitName.class);
        for (SplitName split : SplitName.values()) splits.put(split, new java.util.ArrayList<>());
        for (Sample sample : dataset.samples()) {
            String folder = sample.metadata().getOrDefault("folder_split", "").toLowerCase(java.util.Locale.ROOT);
            SplitName split = switch (folder) {
                case "train", "training" -> SplitName.TRAIN;
                case "valid", "validation", "val" -> SplitName.VALIDATION;
                case "test" -> SplitName.TEST;
                default -> null;
            };
            if (split == null) return java.util.Optional.empty();
            splits.get(split).add(sample);
        }
        if (splits.get(SplitName.TRAIN).isEmpty() || splits.get(SplitName.TEST).isEmpty()) return java.util.Optional.empty();
        String grouping = "the data's own train/valid/test folders";
        if (splits.get(SplitName.VALIDATION).isEmpty()) {
            Map<SplitName, List<Sample>> carved = StratifiedGroupSplitter.assign(splits.get(SplitName.TRAIN),
                    new SplitOptions(8 / 9.0, 1 / 9.0, 0, seed, LinkMode.NONE));
            splits.put(SplitName.TRAIN, carved.get(SplitName.TRAIN));
            splits.put(SplitName.VALIDATION, carved.get(SplitName.VALIDATION));
            grouping += " (no validation folder: a seeded ninth of train held out)";
        }
        checkOutsideData(dataset.root(), outDir);
        SplitResult result = new SplitResult(splits, grouping, outDir);
        checkBothClasses(result, SplitOptions.defaults(), dataset.root());
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir, e);
        }
        for (SplitName split : SplitName.values()) SplitFiles.write(result.csv(split), splits.get(split));
        return java.util.Optional.of(result);
    }

    /** Each split with a positive fraction must hold benign and malignant images. */
    static void checkBothClasses(SplitResult result, SplitOptions options, Path source) {
        for (SplitName split : SplitName.values()) {
            if (options.fraction(split) <= 0) {
                continue;
            }
            for (int label = 0; label <= 1; label++) {
                if (result.count(split, label) == 0) {
                    throw new BadInputException(source, 0, "split '" + split.fileName() + "' has no "
                            + Labels.name(label) + " images; the dataset has too few "
                            + Labels.name(label) + " images or groups for a " + options.train() + "/"
                            + options.validation() + "/" + options.test() + " split");
                }
            }
        }
    }

    /** Refuses an output folder inside the data folder: the user's folder is never written to. */
    static void checkOutsideData(Path dataDir, Path outDir) {
        Path data = dataDir.toAbsolutePath().normalize();
        Path out = outDir.toAbsolutePath().normalize();
        if (out.startsWith(data)) {
            throw new IllegalArgumentException("output folder " + out + " is inside the data folder " + data
                    + "; choose a folder outside it (the data folder is never modified)");
        }
    }
}
