package org.jgrad.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jgrad.vision.synth.SynthOptions;
import org.jgrad.vision.synth.SynthResult;
import org.jgrad.vision.synth.SyntheticLesions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synth}: writes the synthetic lesion data set (JPEGs + an ISIC-2019-style CSV). */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description =
                "Generate the synthetic dermoscopy-like data set (JPEGs and an ISIC 2019 style ground-truth CSV).")
public final class SynthCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
    Path out;

    @Option(names = "--count", defaultValue = "1000", description = "Number of images (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed; the same seed gives the same bytes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--malignant-fraction",
            defaultValue = "0.2",
            description = "Share of malignant images (default: ${DEFAULT-VALUE}).")
    double malignantFraction;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        if (count < 1) throw new IllegalArgumentException("--count must be ≥ 1, got " + count);
        SynthOptions options = SynthOptions.defaults().withMalignantFraction(malignantFraction);
        if (threads != null) options = options.withThreads(threads);
        SynthResult r = SyntheticLesions.generate(out, count, seed, options);
        System.out.printf(
                "wrote %d images (%d malignant) to %s in %.1f s%nlabels: %s%n",
                r.count(), r.malignant(), r.folder(), r.seconds(), r.csv());
        return 0;
    }
}
