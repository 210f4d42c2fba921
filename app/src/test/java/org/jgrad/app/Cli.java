package org.jgrad.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helpers: run the CLI in-process capturing stdout, stderr and the exit code, and a tiny
 * trained run shared by the app tests (40 synthetic images, 32 px, 3 epochs; made once per JVM).
 */
public final class Cli {
    /** What one command printed and returned. */
    public record Result(int exit, String out, String err) {
        public String lastLine() {
            List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private static Path shared;
    private static Path tinyRun;

    private Cli() {}

    public static synchronized Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        int exit;
        try {
            exit = Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(exit, out.toString(), err.toString());
    }

    /** A folder that lives for the whole test JVM: the synthetic set and the pixel cache go there. */
    public static synchronized Path shared() {
        if (shared == null) {
            try {
                shared = Files.createTempDirectory("jgrad-app-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * The options of the tiny run into {@code out}; {@code extra} options are added, or replace the value of one given here.
     * Seed 4: since layers derive their weights' seed from their shape, seed 3's tiny model called all 40 images
     * malignant, and GradCamTest needs both predictions.
     */
    public static String[] tinyTrainArgs(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "train",
                "--synth-count",
                "40",
                "--image-size",
                "32",
                "--epochs",
                "3",
                "--batch-size",
                "4",
                "--seed",
                "4",
                "--cache-dir",
                shared().resolve("cache").toString(),
                "--out",
                out.toString()));
        for (int i = 0; i < extra.length; i++) {
            int at = args.indexOf(extra[i]);
            boolean hasValue = i + 1 < extra.length && !extra[i + 1].startsWith("--");
            if (at >= 0 && hasValue) {
                args.set(at + 1, extra[++i]);
            } else {
                args.add(extra[i]);
                if (hasValue) args.add(extra[++i]);
            }
        }
        return args.toArray(String[]::new);
    }

    /** The tiny run, trained on first use. */
    public static synchronized Path tinyRun() {
        if (tinyRun == null) {
            Path dir = shared().resolve("tiny-run");
            Result r = run(tinyTrainArgs(dir));
            if (r.exit() != 0) throw new AssertionError("tiny training run failed: " + r.err() + r.out());
            tinyRun = dir;
        }
        return tinyRun;
    }

    /** The synthetic images the tiny run used. */
    public static Path syntheticImages() {
        tinyRun();
        return shared().resolve("cache")
                .resolve("synthetic")
                .resolve("n40-s2017")
                .resolve("images");
    }
}
