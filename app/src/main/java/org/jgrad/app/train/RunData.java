package org.jgrad.app.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jgrad.app.io.OutputFiles;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.split.DatasetSplitter;
import org.jgrad.vision.split.SplitFiles;
import org.jgrad.vision.split.SplitName;
import org.jgrad.vision.split.SplitOptions;
import org.jgrad.vision.split.SplitResult;

/**
 * A run's images, split in three. A new run reads the data folder (or makes the synthetic set),
 * splits it with the run's seed (80/10/10, stratified, grouped by lesion or patient) and writes
 * the split into the run folder; a resumed run reads that split back, so it trains on exactly the
 * same images.
 *
 * @param splits      samples per split
 * @param source      where the images came from, for the report
 */
public record RunData(Map<SplitName, List<Sample>> splits, String source) {

    public static RunData prepare(TrainConfig config, RunFiles files, int threads, PrintStream out) {
        Dataset dataset = readDataset(config, threads, out);
        // The synthetic set's images are independent pictures: the notes on lesion grouping do not apply to it.
        out.print(
                config.data() == null ? "labels: " + dataset.labelRule() + System.lineSeparator() : dataset.details());
        // An official division (ISIC 2016-2018 files, train/ valid/ test/ folders) is kept unless --resplit.
        boolean resplit = config.data() != null && config.dataSettings().resplit();
        SplitResult split = DatasetSplitter.divide(
                dataset, files.splitDir(), SplitOptions.defaults().withSeed(config.seed()), resplit);
        out.print(split.table());
        String source = dataset.summary() + System.lineSeparator() + "labels: " + dataset.labelRule()
                + System.lineSeparator() + "division: " + split.division();
        OutputFiles.writeAtomically(files.splitDir().resolve(ABOUT), source + System.lineSeparator());
        return new RunData(split.splits(), source);
    }

    /** The run's data folder read (or the synthetic set made and read), with its one-line summary printed. */
    public static Dataset readDataset(TrainConfig config, int threads, PrintStream out) {
        Path dataDir = config.data() == null
                ? SyntheticData.ensure(
                        Path.of(config.cacheDir()), config.synthCount(), config.synthSeed(), threads, out)
                : Path.of(config.data());
        Dataset dataset = DatasetReader.read(
                dataDir,
                config.data() == null
                        ? org.jgrad.vision.data.ReadOptions.defaults()
                        : config.dataSettings().readOptions());
        out.println("data: " + dataset.summary());
        return dataset;
    }

    /** The split folder's description of the data (summary, label rule, division), for the report and resumed runs. */
    public static final String ABOUT = "about.txt";

    public static RunData reload(RunFiles files, String source) {
        Map<SplitName, List<Sample>> splits = new EnumMap<>(SplitName.class);
        for (SplitName s : SplitName.values()) splits.put(s, SplitFiles.read(files.splitDir(), s));
        Path about = files.splitDir().resolve(ABOUT);
        if (java.nio.file.Files.isRegularFile(about)) {
            try {
                source = java.nio.file.Files.readString(about).strip();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + about, e);
            }
        }
        return new RunData(splits, source);
    }

    public List<Sample> get(SplitName split) {
        return splits.get(split);
    }

    public int count(SplitName split, int label) {
        return (int) splits.get(split).stream().filter(s -> s.label() == label).count();
    }
}
