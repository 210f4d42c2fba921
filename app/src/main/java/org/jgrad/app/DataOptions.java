package org.jgrad.app;

import org.jgrad.app.train.DataSettings;
import picocli.CommandLine.Option;

/** The options that say how to read a data folder, shared by train, evaluate, split and show (a picocli mixin). */
public final class DataOptions {
    @Option(
            names = "--format",
            defaultValue = "auto",
            paramLabel = "auto|isic2016|isic2017|isic2018|isic2019|isic2020|ham10000|folders",
            description = "Data layout; auto detects it from the files (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--malignant",
            defaultValue = "MEL",
            paramLabel = "COLUMNS",
            description =
                    "Diagnoses counted as malignant, comma separated, for ISIC 2019 / 2018 columns and HAM10000 dx codes"
                            + " (default: ${DEFAULT-VALUE}; MEL,BCC,SCC for all malignant ISIC 2019 diagnoses, mel,bcc,akiec for HAM10000 and ISIC 2018).")
    String malignant;

    @Option(
            names = "--folder-labels",
            paramLabel = "NAME=0|1,...",
            description =
                    "Label map for folder-per-class layouts (default: benign, nevus, seborrheic_keratosis = 0; malignant, melanoma = 1).")
    String folderLabels;

    @Option(
            names = "--skip-bad",
            description =
                    "Skip unreadable images and bad CSV rows, count them and list them at the end (default: stop at the first).")
    boolean skipBad;

    @Option(
            names = "--resplit",
            description = "Compute a new seeded split even where the download has an official train/validation/test"
                    + " division (ISIC 2016, 2017, 2018, train/ valid/ test/ folders), which is kept by default.")
    boolean resplit;

    public DataSettings settings() {
        return new DataSettings(format, malignant, folderLabels, skipBad, resplit);
    }
}
