package org.jgrad.vision.split;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jgrad.vision.data.Labels;
import org.jgrad.vision.data.Sample;

/**
 * What a split produced: the samples per split, how images were grouped, and where the CSV
 * files went, and which division was used (the download's official one, or a computed split).
 * {@link #table()} is the per-split, per-class count table shown to the user.
 */
public record SplitResult(Map<SplitName, List<Sample>> splits, String grouping, String division, Path outputDir) {
    public SplitResult {
        splits = Map.copyOf(splits);
    }

    /** Images of class {@code label} in {@code split}. */
    public int count(SplitName split, int label) {
        return (int) splits.get(split).stream().filter(s -> s.label() == label).count();
    }

    /** The split CSV for {@code split}, e.g. {@code out/train.csv}. */
    public Path csv(SplitName split) {
        return outputDir.resolve(split.fileName() + ".csv");
    }

    /** A small table: one row per split with benign, malignant and total counts, plus the grouping. */
    public String table() {
        StringBuilder text =
                new StringBuilder(String.format("%-11s %8s %10s %7s%n", "split", "benign", "malignant", "total"));
        for (SplitName split : SplitName.values()) {
            int benign = count(split, Labels.BENIGN);
            int malignant = count(split, Labels.MALIGNANT);
            text.append(String.format("%-11s %8d %10d %7d%n", split.fileName(), benign, malignant, benign + malignant));
        }
        text.append("grouping: ").append(grouping).append(System.lineSeparator());
        text.append("division: ").append(division).append(System.lineSeparator());
        return text.toString();
    }
}
