package org.jgrad.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jgrad.app.train.RunFiles;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.split.SplitFiles;
import org.jgrad.vision.split.SplitName;

/**
 * Which images of an evaluation set a run has already seen (its training and validation splits):
 * scores on them say how well the model remembers, not how well it generalises. An image counts
 * as seen when it is the same file, or a file of the same name and size (a copy of the data elsewhere).
 */
final class TrainingOverlap {
    private TrainingOverlap() {}

    /** "N of the M images were in this run's training or validation split (e.g. X)", or null when none were. */
    static String describe(List<Sample> samples, Path runDir) {
        Path splitDir = new RunFiles(runDir).splitDir();
        Set<Path> seenFiles = new HashSet<>();
        Set<String> seenNames = new HashSet<>();
        for (SplitName split : List.of(SplitName.TRAIN, SplitName.VALIDATION)) {
            if (!Files.isRegularFile(splitDir.resolve(split.fileName() + ".csv"))) continue;
            for (Sample sample : SplitFiles.read(splitDir, split)) {
                seenFiles.add(sample.image().toAbsolutePath().normalize());
                seenNames.add(nameAndSize(sample.image()));
            }
        }
        int overlap = 0;
        String example = null;
        for (Sample sample : samples) {
            if (seenFiles.contains(sample.image().toAbsolutePath().normalize())
                    || seenNames.contains(nameAndSize(sample.image()))) {
                overlap++;
                if (example == null) example = sample.image().getFileName().toString();
            }
        }
        return overlap == 0
                ? null
                : overlap + " of the " + samples.size() + " images were in this run's training or validation split"
                        + " (e.g. " + example + ")";
    }

    private static String nameAndSize(Path image) {
        long size;
        try {
            size = Files.size(image);
        } catch (IOException e) {
            size = -1; // a missing file is reported by the loader, naming it
        }
        return image.getFileName() + "|" + size;
    }
}
