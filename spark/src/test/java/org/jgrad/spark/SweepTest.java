package org.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jgrad.app.Main;
import org.junit.jupiter.api.Test;

/** Two seeds and a broken variant as Spark tasks in local[2]: each row is what the same `jgrad train` gives alone. */
class SweepTest {
    @Test
    void seedsRunAsTasksAndMatchPlainRuns() throws Exception {
        Path temp = Files.createTempDirectory("jgrad-sweep-test");
        List<String> common = List.of(
                "--synth-count",
                "40",
                "--image-size",
                "32",
                "--epochs",
                "1",
                "--batch-size",
                "8",
                "--cache-dir",
                temp.resolve("cache").toString());
        List<Sweep.Variant> variants = List.of(
                new Sweep.Variant("seed-1", List.of("--seed", "1")),
                new Sweep.Variant("seed-2", List.of("--seed", "2")),
                new Sweep.Variant("bad", List.of("--lr", "-1")));
        // The same runs outside Spark first (one thread, as each task gets); this also makes the synthetic set once,
        // which two runs in one JVM must not generate at the same time.
        double[] alone = new double[3], aloneLoss = new double[3];
        for (int seed = 1; seed <= 2; seed++) {
            Path folder = temp.resolve("alone-" + seed);
            List<String> args = new ArrayList<>(List.of("train"));
            args.addAll(common);
            args.addAll(List.of("--seed", Integer.toString(seed), "--threads", "1", "--out", folder.toString()));
            assertEquals(0, Main.run(args.toArray(String[]::new)));
            alone[seed] = testMetric(folder, "rocAuc");
            aloneLoss[seed] = testMetric(folder, "loss");
        }
        SparkSession spark = LocalSpark.start("jgrad-sweep-test");
        List<Row> rows;
        try {
            rows = new ArrayList<>(
                    Sweep.run(spark, common, variants, temp.resolve("sweep").toString())
                            .collectAsList());
        } finally {
            spark.stop();
        }
        rows.sort(Comparator.comparing(r -> r.getString(0)));
        assertEquals(
                List.of("bad", "seed-1", "seed-2"),
                rows.stream().map(r -> r.getString(0)).toList());
        assertTrue(rows.get(0).isNullAt(3));
        assertNotNull(rows.get(0).getString(5));
        for (int seed = 1; seed <= 2; seed++) {
            Row row = rows.get(seed);
            assertNull(row.get(5), row.toString());
            assertEquals(alone[seed], row.getDouble(3), 1e-12, "seed " + seed + ": the runs are seeded");
            // The AUC of a 4-image test split takes few values; the test loss pins the run down.
            assertEquals(aloneLoss[seed], testMetric(Path.of(row.getString(2)), "loss"), 1e-9, "seed " + seed);
        }
    }

    private static double testMetric(Path run, String name) throws java.io.IOException {
        return new ObjectMapper()
                .readTree(run.resolve("metrics.json").toFile())
                .path("test")
                .path(name)
                .asDouble();
    }

    @Test
    void optionsTheSweepSetsAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Sweep.run(null, List.of("--out", "x"), List.of(), "/tmp/never"));
        assertTrue(e.getMessage().startsWith("--out"), e.getMessage());
    }

    @Test
    void sweepJobRunsSeedsFromACommandLineAndWritesTheTable() throws Exception {
        Path temp = Files.createTempDirectory("jgrad-sweepjob-test");
        SparkSession spark = LocalSpark.start("jgrad-sweepjob-test");
        List<String> lines;
        try {
            lines = SweepJob.run(
                    spark,
                    "seeds",
                    temp.resolve("out").toString(),
                    "5",
                    "--",
                    "--synth-count",
                    "40",
                    "--image-size",
                    "32",
                    "--epochs",
                    "1",
                    "--batch-size",
                    "8",
                    "--cache-dir",
                    temp.resolve("cache").toString());
        } finally {
            spark.stop();
        }
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("seed-5 test_auc=[0-9.]+"), lines.get(0));
        assertTrue(Files.isDirectory(temp.resolve("out").resolve("seed-5")), "the run folder");
        try (var files = Files.list(temp.resolve("out").resolve("sweep.csv"))) {
            String csv = Files.readString(
                    files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                            .findFirst()
                            .orElseThrow());
            assertTrue(
                    csv.startsWith("name,options,run,test_auc,seconds,error") && csv.contains("seed-5,--seed 5,"), csv);
        }
    }
}
