package org.jgrad.app.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jgrad.vision.synth.SynthOptions;
import org.jgrad.vision.synth.SynthResult;
import org.jgrad.vision.synth.SyntheticLesions;

/**
 * The built-in data set that {@code train} uses without {@code --data}: generated once into
 * {@code <cacheDir>/synthetic/n<count>-s<seed>/} and reused by later runs. Generation writes into
 * a temporary folder that is renamed into place only when complete, so an interrupted generation
 * is never mistaken for a finished one.
 */
public final class SyntheticData {
    private static final String COMPLETE_MARKER = "COMPLETE";

    private SyntheticData() {}

    public static Path ensure(Path cacheDir, int count, long seed, int threads, PrintStream out) {
        Path dir = cacheDir.resolve("synthetic").resolve("n" + count + "-s" + seed);
        if (Files.isRegularFile(dir.resolve(COMPLETE_MARKER))) {
            out.println("data: synthetic set of " + count + " images (seed " + seed + "), cached in " + dir);
            return dir;
        }
        Path tmp = dir.resolveSibling(
                dir.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            deleteTree(tmp);
            deleteTree(dir); // an incomplete folder from an older interrupted run
            out.println("data: generating the synthetic set of " + count + " images (seed " + seed + ") into " + dir
                    + " ...");
            SynthResult r = SyntheticLesions.generate(
                    tmp, count, seed, SynthOptions.defaults().withThreads(threads));
            Files.writeString(tmp.resolve(COMPLETE_MARKER), r.count() + " images, " + r.malignant() + " malignant\n");
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            out.printf("data: generated %d images (%d malignant) in %.1f s%n", r.count(), r.malignant(), r.seconds());
        } catch (IOException e) {
            if (Files.isRegularFile(dir.resolve(COMPLETE_MARKER))) return dir; // another run finished it first
            throw new UncheckedIOException("cannot create the synthetic data set in " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
