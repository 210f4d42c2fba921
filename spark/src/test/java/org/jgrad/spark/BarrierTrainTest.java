package org.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Two barrier tasks in local[2] train one model through the TCP ring; rank 0 writes the run folder. */
class BarrierTrainTest {
    @Test
    void twoBarrierTasksTrainOneRun() throws Exception {
        Path temp = Files.createTempDirectory("jgrad-barrier-test");
        Path run = temp.resolve("run");
        List<String> options = List.of(
                "--synth-count",
                "40",
                "--image-size",
                "32",
                "--epochs",
                "2",
                "--batch-size",
                "8",
                "--seed",
                "3",
                "--threads",
                "1",
                "--cache-dir",
                temp.resolve("cache").toString());
        SparkSession spark = LocalSpark.start("jgrad-barrier-test");
        List<String> ranks;
        try {
            ranks = new ArrayList<>(BarrierTrain.run(spark, 2, options, run.toString()));
        } finally {
            spark.stop();
        }
        ranks.sort(null);
        assertEquals(List.of("rank 0: exit 0", "rank 1: exit 0"), ranks);
        for (String file : List.of("best.safetensors", "last.safetensors", "report.html")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file + " written by rank 0");
        }
        var epochs = new ObjectMapper()
                .readTree(run.resolve("metrics.json").toFile())
                .path("epochs");
        assertEquals(4, epochs.size(), "2 epochs × (train, validation) rows: " + epochs);
    }

    @Test
    void aResumedRankKeepsOnlyTheOptionsThatAreNotTheRunsSettings() {
        assertEquals(
                List.of("--epochs", "3", "--threads=1", "--device", "cpu"),
                BarrierTrain.optionsKeptOnResume(List.of(
                        "--synth-count",
                        "40",
                        "--epochs",
                        "3",
                        "--seed",
                        "3",
                        "--threads=1",
                        "--tta",
                        "--device",
                        "cpu",
                        "--cache-dir",
                        "/tmp/c")));
    }
}
