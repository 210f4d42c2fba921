package org.jgrad.app;

import org.jgrad.app.train.DataSettings;
import picocli.CommandLine.Option;

/** The options that say how to read a data folder, shared by train, evaluate, split and show (a picocli mixin). */
public final class DataOptions {
    @Option(names = "--format", defaultValue = "auto", paramLabel = "auto|isic2019|isic2020|isic2017|folders",
            description = "Data layout; auto detects it from the files (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--malignant", defaultValue = "MEL", paramLabel = "COLUMNS",
            description = "ISIC 2019 columns counted as malignant, comma separated (default: ${DEFAULT-VALUE}; MEL,BCC,SCC for all malignant diagnoses).")
    String malignant;

    @Option(names = "--folder-labels", paramLabel = "NAME=0|1,...",
            description = "Label map for folder-per-class layouts (default: benign, nevus, seborrheic_keratosis = 0; malignant, melanoma = 1).")
    String folderLabels;

    @Option(names = "--skip-bad", description = "Skip unreadable images and bad CSV rows, count them and list them at the end (default: stop at the first).")
    boolean skipBad;

    public DataSettings settings() { return new DataSettings(format, malignant, folderLabels, skipBad); }
}
