package org.jgrad.app.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jgrad.backend.Backend;
import org.jgrad.device.Backends;
import org.jgrad.device.Devices;
import org.junit.jupiter.api.Test;

/** The bench output format (one "name=... key=value" line per figure) on tiny sizes. */
class QuickBenchTest {

    private static String run(String what, int n, int batch, Backend backend) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuickBench.run(what, n, batch, backend, 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sgemmPrintsOneLinePerSize() {
        String out = run("sgemm", 64, 0, Devices.cpu());
        assertTrue(out.matches("name=sgemm device=cpu threads=2 n=64 gflops=[0-9.]+ best=[0-9.]+\\R"), out);
    }

    @Test
    void trainingAndInferenceReportImagesPerSecondAndMemory() {
        String out = run("train", 0, 2, Devices.cpu());
        assertTrue(
                out.matches(
                        "(?s)name=lesionnet-s-train device=cpu threads=2 batch=2 warmup=10 img_per_s=[0-9.]+ ms_per_step=[0-9.]+ "
                                + "loss_first=[0-9.]+ loss_last=[0-9.]+ peak_rss_mb=-?[0-9]+ live_heap_mb=[0-9]+->[0-9]+\\R"),
                out);
        assertTrue(run("infer", 0, 2, Backends.reference())
                .startsWith("name=lesionnet-s-infer device=cpu-reference threads=2 batch=2 warmup=10 img_per_s="));
    }

    @Test
    void unknownBenchmarkIsAClearError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> run("gpu", 0, 0, Devices.cpu()));
        assertTrue(e.getMessage().contains("unknown benchmark 'gpu'"), e.getMessage());
    }
}
