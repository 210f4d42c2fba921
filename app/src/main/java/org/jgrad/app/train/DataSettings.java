package org.jgrad.app.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgrad.vision.data.DatasetFormat;
import org.jgrad.vision.data.ReadOptions;

/**
 * How to read a data folder, as given on the command line ({@code --format}, {@code --malignant},
 * {@code --folder-labels}, {@code --skip-bad}, {@code --resplit}); plain strings so that a run's config.json keeps them
 * and a resumed run reads its data the same way.
 *
 * @param format       auto (detect from the files), isic2019, isic2020, isic2017 or folders
 * @param malignant    ISIC 2019 columns that count as malignant, comma separated (MEL; MEL,BCC,SCC)
 * @param folderLabels folder-per-class label map "name=0|1,...", or null for the default
 *                     (benign, nevus, seborrheic_keratosis → 0; malignant, melanoma → 1)
 * @param skipBad      skip bad images and rows, count them and list them at the end, instead of stopping
 * @param resplit      compute a new split even where the download has an official train/validation/test
 *                     division (ISIC 2016-2018, train/ valid/ test/ folders), which is kept otherwise
 */
public record DataSettings(String format, String malignant, String folderLabels, boolean skipBad, boolean resplit) {

    public static DataSettings defaults() {
        return new DataSettings("auto", "MEL", null, false, false);
    }

    /** Settings that keep an official division. */
    public DataSettings(String format, String malignant, String folderLabels, boolean skipBad) {
        this(format, malignant, folderLabels, skipBad, false);
    }

    public DataSettings {
        if (format == null) format = "auto";
        if (malignant == null) malignant = "MEL";
        build(
                format,
                malignant,
                folderLabels,
                skipBad); // fail early, naming the option, on anything that does not parse
    }

    public ReadOptions readOptions() {
        return build(format, malignant, folderLabels, skipBad);
    }

    private static ReadOptions build(String format, String malignant, String folderLabels, boolean skipBad) {
        ReadOptions options = ReadOptions.defaults()
                .withSkipBad(skipBad)
                .withMalignantColumns(List.of(malignant.toUpperCase(Locale.ROOT).split("\\s*,\\s*")));
        if (!format.equalsIgnoreCase("auto")) {
            try {
                options = options.withFormat(DatasetFormat.parse(format));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--format: " + e.getMessage().replace("dataset format", "format") + " or auto");
            }
        }
        if (folderLabels != null) options = options.withFolderLabels(parseLabels(folderLabels));
        return options;
    }

    private static Map<String, Integer> parseLabels(String text) {
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2 || !(kv[1].trim().equals("0") || kv[1].trim().equals("1")) || kv[0].isBlank()) {
                throw new IllegalArgumentException("--folder-labels: '" + part.trim() + "' is not NAME=0 or NAME=1");
            }
            labels.put(kv[0].trim().toLowerCase(Locale.ROOT), Integer.parseInt(kv[1].trim()));
        }
        return labels;
    }
}
