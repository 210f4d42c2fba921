package org.jgrad.vision.split;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jgrad.vision.data.BadInputException;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.data.Division;
import org.jgrad.vision.data.Labels;
import org.jgrad.vision.data.ReadOptions;
import org.jgrad.vision.data.Sample;

/**
 * The {@code split} command's API: read a dataset, split it (stratified, grouped, seeded), check
 * that every split has both classes, and write the split CSVs (and, if asked, linked or copied
 * image folders) into an output folder outside the data folder.
 */
public final class DatasetSplitter {
    private DatasetSplitter() {}

    /** Reads {@code dataDir} and writes a computed split into {@code outDir}; returns the counts. */
    public static SplitResult split(Path dataDir, Path outDir, ReadOptions readOptions, SplitOptions options) {
        checkOutsideData(dataDir, outDir);
        Dataset dataset = DatasetReader.read(dataDir, readOptions);
        return split(dataset, outDir, options);
    }

    /** Splits an already read dataset (ignoring any official division) and writes the split into {@code outDir}. */
    public static SplitResult split(Dataset dataset, Path outDir, SplitOptions options) {
        return computed(dataset, outDir, options, computedText(options));
    }

    /**
     * The division a run uses: the download's official one (ISIC 2016-2018 Training / Validation /
     * Test files, train/ valid/ test/ folders) unless {@code resplit} is set or the official one
     * lacks a train or test part; otherwise a computed split. {@link SplitResult#division()} says
     * which, and why.
     */
    public static SplitResult divide(Dataset dataset, Path outDir, SplitOptions options, boolean resplit) {
        if (!dataset.hasOfficialDivision()) {
            return split(dataset, outDir, options);
        }
        if (resplit) {
            return computed(
                    dataset,
                    outDir,
                    options,
                    "re-split on purpose (--resplit), the official division is not used: " + computedText(options));
        }
        return fromOfficialDivision(dataset, outDir, options.seed(), options.linkMode())
                .orElseGet(() -> computed(
                        dataset,
                        outDir,
                        options,
                        "the official division is incomplete (" + missingParts(dataset)
                                + "), so the split is computed: " + computedText(options)));
    }

    private static SplitResult computed(Dataset dataset, Path outDir, SplitOptions options, String division) {
        checkOutsideData(dataset.root(), outDir);
        Map<SplitName, List<Sample>> splits = StratifiedGroupSplitter.assign(dataset.samples(), options);
        Path source = dataset.labelFiles().isEmpty()
                ? dataset.root()
                : dataset.labelFiles().get(0);
        SplitResult result = new SplitResult(splits, dataset.grouping(), division, outDir);
        checkBothClasses(result, options, source);
        write(result, options.linkMode());
        return result;
    }

    private static String computedText(SplitOptions options) {
        return String.format(
                java.util.Locale.ROOT,
                "computed %s/%s/%s, stratified by class, seed %d",
                percent(options.train()),
                percent(options.validation()),
                percent(options.test()),
                options.seed());
    }

    private static String percent(double fraction) {
        return new java.math.BigDecimal(fraction * 100)
                .setScale(1, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** "no test part", "no train part", or "some images have no part", for the message. */
    private static String missingParts(Dataset dataset) {
        List<String> missing = new java.util.ArrayList<>();
        if (dataset.samples().stream().anyMatch(s -> s.officialSplit() == null))
            missing.add("some images belong to no part");
        for (String part : List.of(Division.TRAIN, Division.TEST)) {
            if (dataset.samples().stream().noneMatch(s -> part.equals(s.officialSplit())))
                missing.add("no " + part + " part");
        }
        return String.join(", ", missing);
    }

    /**
     * The official division of a dataset ({@link Division}: ISIC 2016-2018 files, train/ valid/
     * test/ folders) written into {@code outDir} like a computed split; empty when some image has
     * no part or there is no train or no test part. Without a validation part, a seeded,
     * stratified, grouped ninth of train becomes validation (10% of the whole, as in the default split).
     */
    public static java.util.Optional<SplitResult> fromOfficialDivision(Dataset dataset, Path outDir, long seed) {
        return fromOfficialDivision(dataset, outDir, seed, LinkMode.NONE);
    }

    private static java.util.Optional<SplitResult> fromOfficialDivision(
            Dataset dataset, Path outDir, long seed, LinkMode linkMode) {
        Map<SplitName, List<Sample>> splits = new java.util.EnumMap<>(SplitName.class);
        for (SplitName split : SplitName.values()) splits.put(split, new java.util.ArrayList<>());
        for (Sample sample : dataset.samples()) {
            String part = sample.officialSplit();
            if (part == null) return java.util.Optional.empty();
            splits.get(
                            switch (part) {
                                case Division.VALIDATION -> SplitName.VALIDATION;
                                case Division.TEST -> SplitName.TEST;
                                default -> SplitName.TRAIN;
                            })
                    .add(sample);
        }
        if (splits.get(SplitName.TRAIN).isEmpty() || splits.get(SplitName.TEST).isEmpty())
            return java.util.Optional.empty();
        String division = "official, as published (" + officialSources(dataset) + ")";
        if (splits.get(SplitName.VALIDATION).isEmpty()) {
            Map<SplitName, List<Sample>> carved = StratifiedGroupSplitter.assign(
                    splits.get(SplitName.TRAIN), new SplitOptions(8 / 9.0, 1 / 9.0, 0, seed, LinkMode.NONE));
            splits.put(SplitName.TRAIN, carved.get(SplitName.TRAIN));
            splits.put(SplitName.VALIDATION, carved.get(SplitName.VALIDATION));
            division +=
                    "; no official validation part: a seeded, stratified ninth of train held out (seed " + seed + ")";
        }
        checkOutsideData(dataset.root(), outDir);
        SplitResult result = new SplitResult(splits, dataset.grouping(), division, outDir);
        checkBothClasses(result, SplitOptions.defaults(), dataset.root());
        write(result, linkMode);
        return java.util.Optional.of(result);
    }

    /** Same as {@link #fromOfficialDivision}, the name under which folder layouts used it first. */
    public static java.util.Optional<SplitResult> fromFolders(Dataset dataset, Path outDir, long seed) {
        return fromOfficialDivision(dataset, outDir, seed);
    }

    /** "train = A.csv; validation = B.csv; test = C.csv", or the folders' names for folder layouts. */
    private static String officialSources(Dataset dataset) {
        if (dataset.labelFiles().isEmpty()) return "the data's own train/valid/test folders";
        List<String> parts = new java.util.ArrayList<>();
        for (String part : List.of(Division.TRAIN, Division.VALIDATION, Division.TEST)) {
            List<String> names = dataset.labelFiles().stream()
                    .map(f -> f.getFileName().toString())
                    .filter(n -> part.equals(Division.ofName(n)))
                    .toList();
            if (!names.isEmpty()) parts.add(part + " = " + String.join(" + ", names));
        }
        return String.join("; ", parts);
    }

    private static void write(SplitResult result, LinkMode linkMode) {
        try {
            Files.createDirectories(result.outputDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + result.outputDir(), e);
        }
        for (SplitName split : SplitName.values()) {
            SplitFiles.write(result.csv(split), result.splits().get(split));
        }
        if (linkMode != LinkMode.NONE) {
            ImageFolderLayout.write(result, linkMode);
        }
    }

    /** Each split with a positive fraction must hold benign and malignant images. */
    static void checkBothClasses(SplitResult result, SplitOptions options, Path source) {
        for (SplitName split : SplitName.values()) {
            if (options.fraction(split) <= 0) {
                continue;
            }
            for (int label = 0; label <= 1; label++) {
                if (result.count(split, label) == 0) {
                    throw new BadInputException(
                            source,
                            0,
                            "split '" + split.fileName() + "' has no "
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
