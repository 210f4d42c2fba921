package org.jgrad.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.show.BatchGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code show}: a grid PNG of random labelled images (the tutorials' show_batch). */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Write a grid of random labelled images of a data set to a PNG.")
public final class ShowCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    DataOptions dataOptions;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "DIR",
            description = "Data folder (any layout the readers detect).")
    Path data;

    @Option(
            names = "--out",
            defaultValue = "grid.png",
            paramLabel = "FILE",
            description = "PNG to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--columns",
            defaultValue = "5",
            description = "Images per row and column (default: ${DEFAULT-VALUE}).")
    int columns;

    @Option(
            names = "--size",
            defaultValue = "96",
            description = "Thumbnail side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "1", description = "Which images are picked (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (columns < 1 || size < 8) throw new IllegalArgumentException("--columns must be ≥ 1 and --size ≥ 8");
        Dataset dataset = DatasetReader.read(data, dataOptions.settings().readOptions());
        System.out.println(dataset.summary());
        System.out.print(dataset.details());
        BatchGrid.show(dataset, out, size, columns, seed);
        System.out.println("wrote " + out);
        return 0;
    }
}
