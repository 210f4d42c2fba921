package org.jgrad.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jgrad.app.train.DataSettings;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.split.DatasetSplitter;
import org.jgrad.vision.split.LinkMode;
import org.jgrad.vision.split.SplitOptions;
import org.jgrad.vision.split.SplitResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code split}: a seeded, stratified, grouped train/validation/test split written as CSV files. */
@Command(
        name = "split",
        mixinStandardHelpOptions = true,
        description =
                "Split a data set into train/validation/test (seeded, stratified by class, grouped by lesion or patient);"
                        + " a download's official division is kept unless --resplit.")
public final class SplitCommand implements Callable<Integer> {
    @Option(
            names = "--data",
            required = true,
            paramLabel = "DIR",
            description = "Data folder (any layout the readers detect).")
    Path data;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Folder for train.csv, validation.csv, test.csv (outside the data folder).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Shuffle seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--fractions",
            defaultValue = "0.8,0.1,0.1",
            paramLabel = "T,V,E",
            description = "Train, validation and test fractions (default: ${DEFAULT-VALUE}).")
    String fractions;

    @Option(
            names = "--layout",
            defaultValue = "none",
            paramLabel = "none|hardlink|copy",
            description = "Also lay out split/class image folders by hard links or copies (default: ${DEFAULT-VALUE}).")
    String layout;

    @picocli.CommandLine.Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        String[] parts = fractions.split(",");
        if (parts.length != 3)
            throw new IllegalArgumentException("--fractions needs three numbers T,V,E, got '" + fractions + "'");
        double[] f = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                f[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--fractions: '" + parts[i] + "' is not a number");
            }
        }
        LinkMode mode = switch (layout.toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> LinkMode.NONE;
            case "hardlink" -> LinkMode.HARDLINK;
            case "copy" -> LinkMode.COPY;
            default ->
                throw new IllegalArgumentException("--layout must be none, hardlink or copy, got '" + layout + "'");
        };
        DataSettings settings = dataOptions.settings();
        Dataset dataset = DatasetReader.read(data, settings.readOptions());
        System.out.println(dataset.summary());
        System.out.print(dataset.details());
        SplitResult result = DatasetSplitter.divide(
                dataset, out, new SplitOptions(f[0], f[1], f[2], seed, mode), settings.resplit());
        System.out.print(result.table());
        System.out.println("wrote " + out.resolve("train.csv") + ", validation.csv, test.csv");
        return 0;
    }
}
