package org.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.jgrad.app.Main;
import org.jgrad.app.cv.CvSummary;
import org.junit.jupiter.api.Test;

/** `jgrad cv` with its folds as Spark tasks in local[2] against the same `jgrad cv` run in one process. */
class CrossValidationSweepTest {
    private static final String[] SPLIT_FILES = {"train.csv", "validation.csv", "test.csv"};

    @Test
    void foldsAsTasksGiveTheSameFoldsAndSummaryAsJgradCv() throws Exception {
        Path temp = Files.createTempDirectory("jgrad-cv-sweep-test");
        List<String> options = List.of(
                "--folds",
                "3",
                "--synth-count",
                "48",
                "--image-size",
                "32",
                "--epochs",
                "1",
                "--batch-size",
                "8",
                "--seed",
                "3",
                "--cache-dir",
                temp.resolve("cache").toString());
        // One thread, as each task gets in local[2]: the runs are then deterministic, so equal to the bit.
        Path alone = temp.resolve("alone");
        List<String> args = new ArrayList<>(List.of("cv"));
        args.addAll(options);
        args.addAll(List.of("--threads", "1", "--out", alone.toString()));
        assertEquals(0, Main.run(args.toArray(String[]::new)));

        SparkSession spark = LocalSpark.start("jgrad-cv-sweep-test");
        Path sparkDir = temp.resolve("spark");
        CvSummary summary;
        try {
            summary = CrossValidationSweep.run(spark, options, sparkDir.toString());
        } finally {
            spark.stop();
        }
        assertEquals(3, summary.rows().size());
        for (int fold = 1; fold <= 3; fold++) {
            for (String split : SPLIT_FILES) {
                Path a = alone.resolve("fold-" + fold).resolve("split").resolve(split);
                Path b = sparkDir.resolve("fold-" + fold).resolve("split").resolve(split);
                assertTrue(Files.isRegularFile(a), a.toString());
                assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "fold " + fold + " " + split);
            }
            assertTrue(Files.isRegularFile(sparkDir.resolve("fold-" + fold).resolve("metrics.json")));
        }
        assertEquals(
                Files.readString(alone.resolve("cv-summary.csv")),
                Files.readString(sparkDir.resolve("cv-summary.csv")),
                "per-fold test AUCs, intervals, Brier scores and best epochs");
        JsonNode a =
                new ObjectMapper().readTree(alone.resolve("cv-summary.json").toFile());
        JsonNode b =
                new ObjectMapper().readTree(sparkDir.resolve("cv-summary.json").toFile());
        for (String field : List.of("meanAuc", "stdAuc", "data", "folds", "seed"))
            assertEquals(a.path(field), b.path(field), field);
        assertEquals(a.path("pooled"), b.path("pooled"), "pooled AUC and interval");
        assertEquals(a.path("meanAuc").asDouble(Double.NaN), summary.meanAuc(), 0);
    }

    @Test
    void optionsTheJobSetsAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CrossValidationSweep.run(null, List.of("--threads", "2"), "/tmp/never"));
        assertTrue(e.getMessage().startsWith("--threads"), e.getMessage());
    }
}
