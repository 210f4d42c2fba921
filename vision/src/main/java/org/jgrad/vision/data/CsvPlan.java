package org.jgrad.vision.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one CSV format is read: the row reader, the grouping it gives, and the label rule in words
 * ({@code malignant = MEL; benign = everything else}), plus notes on companion files found or missing.
 */
record CsvPlan(CsvLabelReader reader, String grouping, String labelRule) {
    static final String ISIC_2018_GROUPINGS = "ISIC2018_Task3_Training_LesionGroupings.csv";

    static CsvPlan of(Path root, DatasetFormat format, ReadOptions options, BadItemLog log, List<String> notes) {
        return switch (format) {
            case ISIC_2019 -> {
                Path metadata = DatasetReader.findFile(root, Isic2019Reader.METADATA_FILE);
                Map<String, String> lesions = metadata == null ? Map.of() : Isic2019Reader.readLesions(metadata, log);
                if (lesions.isEmpty()) {
                    notes.add((metadata == null
                                    ? Isic2019Reader.METADATA_FILE + " not found"
                                    : metadata.getFileName() + " has no lesion_id")
                            + ": grouping is per image, so pictures of one lesion may cross splits"
                            + " (put the metadata file beside the ground truth to group by lesion_id)");
                }
                yield new CsvPlan(
                        new Isic2019Reader(options.malignantColumns(), lesions),
                        "lesion_id from " + Isic2019Reader.METADATA_FILE,
                        oneHotRule(options.malignantColumns(), Isic2019Reader.DIAGNOSES));
            }
            case ISIC_2018 -> {
                Path groupings = DatasetReader.findFile(root, ISIC_2018_GROUPINGS);
                Map<String, String> lesions = groupings == null ? Map.of() : Isic2019Reader.readLesions(groupings, log);
                if (lesions.isEmpty()) {
                    notes.add(ISIC_2018_GROUPINGS
                            + " not found: grouping is per image, so pictures of one lesion may cross"
                            + " splits if you re-split");
                }
                yield new CsvPlan(
                        new Isic2019Reader(options.malignantColumns(), lesions),
                        "lesion_id from " + ISIC_2018_GROUPINGS,
                        oneHotRule(
                                options.malignantColumns(), List.of("MEL", "NV", "BCC", "AKIEC", "BKL", "DF", "VASC")));
            }
            case HAM10000 -> {
                Ham10000Reader reader = new Ham10000Reader(options.malignantColumns());
                yield new CsvPlan(reader, "lesion_id", oneHotRule(reader.malignant(), Ham10000Reader.DIAGNOSES));
            }
            case ISIC_2020 ->
                new CsvPlan(
                        new Isic2020Reader(),
                        "patient_id",
                        "malignant = target 1 (benign_malignant = malignant); benign = target 0");
            case ISIC_2017 ->
                new CsvPlan(
                        new Isic2017Reader(),
                        Dataset.PER_IMAGE,
                        "malignant = melanoma; benign = everything else (nevus, seborrheic keratosis)");
            case ISIC_2016 ->
                new CsvPlan(
                        new Isic2016Reader(), Dataset.PER_IMAGE, "malignant = malignant (1.0); benign = benign (0.0)");
            case FOLDERS -> throw new IllegalStateException("not a CSV format: " + format);
        };
    }

    /** "malignant = MEL or BCC; benign = everything else (NV, AK, ...)". */
    static String oneHotRule(List<String> malignant, List<String> all) {
        List<String> benign = new ArrayList<>();
        for (String diagnosis : all) {
            if (malignant.stream().noneMatch(m -> m.equalsIgnoreCase(diagnosis))) {
                benign.add(diagnosis);
            }
        }
        return "malignant = " + String.join(" or ", malignant) + "; benign = everything else ("
                + String.join(", ", benign) + ")";
    }
}
