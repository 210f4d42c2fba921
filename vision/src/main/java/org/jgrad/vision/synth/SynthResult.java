package org.jgrad.vision.synth;

import java.nio.file.Path;

/**
 * What {@link SyntheticLesions#generate} wrote.
 *
 * @param folder    the output folder (a dataset folder that {@code DatasetReader} reads as ISIC 2019)
 * @param csv       the ISIC-2019-style ground-truth CSV
 * @param count     number of images
 * @param malignant number of malignant images
 * @param seconds   wall time taken
 */
public record SynthResult(Path folder, Path csv, int count, int malignant, double seconds) {}
