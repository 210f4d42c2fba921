package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The bench command's output contract: one name=... line per figure; unknown names are an error. */
class BenchCommandTest {

    @Test
    void sgemmPrintsOneParsableLine() {
        String out = ToyCommandTest.runCapturing("bench", "sgemm", "--n", "64", "--threads", "1");
        String line = out.lines()
                .filter(l -> l.startsWith("name=sgemm"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(out));
        assertTrue(line.matches("name=sgemm device=cpu threads=1 n=64 gflops=[0-9.]+ best=[0-9.]+"), line);
        String machine = out.lines()
                .filter(l -> l.startsWith("name=machine "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(out));
        assertTrue(
                machine.matches(
                        "name=machine cpu=\".+\" isa=\\S+ vector_bits=(128|256|512) registers=(16|32) gemm_tile=[0-9]x[0-9] conv_channels=[348] filter_channels=[48]"),
                machine);
    }

    @Test
    void dataPrintsDecodeAndCachedFiguresForBothSizes() {
        String out = ToyCommandTest.runCapturing("bench", "data", "--images", "3", "--threads", "1");
        for (String stage : new String[] {"decode", "cached", "cached+augment"}) {
            for (int size : new int[] {64, 224}) {
                assertTrue(
                        out.contains("name=data stage=" + stage + " size=" + size + " "),
                        stage + " " + size + " in:\n" + out);
            }
        }
    }

    @Test
    void profilePrintsEveryOpOfTheStepForwardAndBackward() {
        String out = ToyCommandTest.runCapturing("bench", "profile", "--batch", "2", "--threads", "1");
        assertTrue(out.contains("name=lesionnet-s-profile device=cpu threads=1 batch=2 steps=20"), out);
        // each conv block (conv, max-pool, ReLU) trains as one fused op; the dense layers keep their ReLU
        for (String entry : new String[] {
            "forward conv2dMaxPoolRelu",
            "backward conv2dMaxPoolRelu",
            "forward dense",
            "backward relu",
            "optimizer step"
        }) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(entry + " ")), entry + " in:\n" + out);
        }
        // LesionNet-S has three convolutions: three forward calls per step.
        String conv = out.lines()
                .filter(l -> l.startsWith("forward conv2dMaxPoolRelu "))
                .findFirst()
                .orElseThrow();
        assertTrue(conv.matches("forward conv2dMaxPoolRelu +[0-9.]+ +3\\.0 +[0-9.]+%"), conv);
    }

    @Test
    void lesionNetMTrainsWithItsBatchNormsFusedWithTheirRelus() {
        String out =
                ToyCommandTest.runCapturing("bench", "profile-m", "--batch", "2", "--threads", "1", "--warmup", "1");
        assertTrue(out.contains("name=lesionnet-m-profile device=cpu threads=1 batch=2 steps=10 warmup=1"), out);
        // seven conv + batch-norm + ReLU blocks: seven fused batch-norm + ReLU ops each way per step, no separate ReLU
        for (String direction : new String[] {"forward", "backward"}) {
            String fused = out.lines()
                    .filter(l -> l.startsWith(direction + " batchNorm2d+relu "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(direction + " batchNorm2d+relu in:\n" + out));
            assertTrue(fused.matches(direction + " batchNorm2d\\+relu +[0-9.]+ +7\\.0 +[0-9.]+%"), fused);
        }
        assertFalse(out.lines().anyMatch(l -> l.startsWith("forward relu ")), out);
        String train =
                ToyCommandTest.runCapturing("bench", "train-m", "--batch", "2", "--threads", "1", "--warmup", "1");
        assertTrue(
                train.lines()
                        .anyMatch(l -> l.matches("name=lesionnet-m-train device=cpu threads=1 batch=2 warmup=1 "
                                + "img_per_s=[0-9.]+ ms_per_step=[0-9.]+ loss_first=\\S+ loss_last=\\S+")),
                train);
    }

    @Test
    void warmupSetsTheUntimedStepsAndIsPrintedWithTheFigure() {
        String out = ToyCommandTest.runCapturing("bench", "infer", "--batch", "2", "--threads", "1", "--warmup", "3");
        assertTrue(
                out.lines()
                        .anyMatch(l -> l.matches("name=lesionnet-s-infer device=cpu threads=1 batch=2 warmup=3 "
                                + "img_per_s=[0-9.]+ ms_per_batch=[0-9.]+")),
                out);
        assertNotEquals(0, Main.run("bench", "infer", "--warmup", "-1"));
    }

    @Test
    void profileInferShowsTheFusedConvolutionsOfInference() {
        String out = ToyCommandTest.runCapturing("bench", "profile-infer", "--batch", "2", "--threads", "1");
        assertTrue(out.contains("name=lesionnet-s-infer-profile device=cpu threads=1 batch=2 steps=40"), out);
        String conv = out.lines()
                .filter(l -> l.startsWith("forward conv2dMaxPoolRelu "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no fused convolution in:\n" + out));
        assertTrue(conv.matches("forward conv2dMaxPoolRelu +[0-9.]+ +3\\.0 +[0-9.]+%"), conv);
        assertTrue(out.lines().noneMatch(l -> l.startsWith("forward maxPool2d ")), out);
    }

    @Test
    void tuneTimesEveryTileThatFitsAndSavesTheChoice(@org.junit.jupiter.api.io.TempDir java.nio.file.Path cache)
            throws Exception {
        String before = System.getProperty("jgrad.cache.dir");
        System.setProperty("jgrad.cache.dir", cache.toString());
        try {
            String out = ToyCommandTest.runCapturing("bench", "tune");
            long tiles = out.lines()
                    .filter(l -> l.matches("name=gemm-tile tile=[0-9]x[0-9] registers_needed=[0-9]+ gflops=[0-9.]+"))
                    .count();
            assertTrue(tiles >= 2, out);
            String choice = out.lines()
                    .filter(l -> l.startsWith("name=gemm-tile-choice "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(out));
            String tile = choice.split(" ")[1].substring("tile=".length());
            String saved = java.nio.file.Files.readString(cache.resolve("cpu-tuning.properties"));
            assertTrue(saved.contains("=" + tile + " "), saved);
            // the direct-convolution channel blocks are timed and saved too
            assertTrue(
                    out.lines()
                                    .filter(l -> l.matches("name=conv-tile channels=[348] gflops=[0-9.]+"))
                                    .count()
                            >= 2,
                    out);
            String conv = out.lines()
                    .filter(l -> l.startsWith("name=conv-tile-choice channels="))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(out));
            String channels = conv.split(" ")[1].substring("channels=".length());
            assertTrue(
                    saved.lines().anyMatch(l -> l.startsWith("convChannels.") && l.contains("=" + channels + " ")),
                    saved);
        } finally {
            if (before == null) System.clearProperty("jgrad.cache.dir");
            else System.setProperty("jgrad.cache.dir", before);
        }
    }

    @Test
    void unknownBenchmarkIsAnError() {
        assertNotEquals(0, Main.run("bench", "fft"));
    }

    @Test
    void deviceIsTheSameOptionAsTrainsAndReferenceMeasuresTheOracle() {
        String out = ToyCommandTest.runCapturing("bench", "infer", "--batch", "2", "--reference", "--threads", "1");
        assertTrue(
                out.lines()
                        .anyMatch(l -> l.startsWith(
                                "name=lesionnet-s-infer device=cpu-reference threads=1 batch=2 warmup=10 img_per_s=")),
                out);
        assertNotEquals(0, Main.run("bench", "sgemm", "--n", "8", "--device", "tpu"));
        String cpu = ToyCommandTest.runCapturing("bench", "sgemm", "--n", "8", "--device", "cpu", "--threads", "1");
        assertTrue(cpu.lines().anyMatch(l -> l.startsWith("name=sgemm device=cpu threads=1 n=8 ")), cpu);
    }
}
