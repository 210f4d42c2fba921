package org.jgrad.io;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jgrad.models.LesionNetS;
import org.jgrad.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks the format with the reference implementation, Hugging Face's {@code safetensors}
 * Python package (the one PyTorch users call): it must read what jgrad writes, and jgrad must read
 * what it writes. Skips, saying why, where python3 or the package is missing (as on CI);
 * {@code pip install safetensors numpy} makes it run.
 */
class SafeTensorsInteropTest {
    @TempDir
    Path dir;

    private static String python(String script, Path arg) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", script, arg.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 timed out");
        assertEquals(0, p.exitValue(), out);
        return out.trim();
    }

    private static boolean referenceAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import safetensors.numpy, numpy")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void referenceLibraryReadsJgradFilesAndJgradReadsItsFiles() throws Exception {
        assumeTrue(referenceAvailable(), "python3 with the safetensors and numpy packages is not installed");
        Sequential model = LesionNetS.create(16, 3);
        Path ours = dir.resolve("jgrad.safetensors");
        Checkpoints.save(ours, model, null, Map.of("model", "lesionnet-s"));
        // The reference reads every tensor; print name, shape and sum of each so both sides compare exactly.
        String listing = python("""
                import sys, numpy
                from safetensors.numpy import load_file
                from safetensors import safe_open
                t = load_file(sys.argv[1])
                with safe_open(sys.argv[1], framework="np") as f: meta = f.metadata()
                print(meta["model"])
                for k in sorted(t): print(k, "[" + ",".join(map(str, t[k].shape)) + "]", str(t[k].dtype), repr(float(t[k].astype(numpy.float64).sum())))
                """, ours);
        StringBuilder expected = new StringBuilder("lesionnet-s");
        new java.util.TreeMap<>(model.stateDict()).forEach((name, t) -> {
            double sum = 0;
            for (float v : t.toArray()) sum += v;
            expected.append('\n')
                    .append(name)
                    .append(' ')
                    .append(java.util.Arrays.toString(t.shape()).replace(" ", ""))
                    .append(" float32 ")
                    .append(sum);
        });
        String[] want = expected.toString().split("\n"), got = listing.split("\n");
        assertEquals(want.length, got.length, listing);
        assertEquals(want[0], got[0]);
        for (int i = 1; i < want.length; i++) {
            String[] w = want[i].split(" "), g = got[i].split(" ");
            assertEquals(w[0] + " " + w[1] + " " + w[2], g[0] + " " + g[1] + " " + g[2], "tensor line " + i);
            assertEquals(
                    Double.parseDouble(w[3]),
                    Double.parseDouble(g[3]),
                    1e-6 * Math.max(1, Math.abs(Double.parseDouble(w[3]))));
        }

        Path theirs = dir.resolve("reference.safetensors");
        python("""
                import sys, numpy
                from safetensors.numpy import save_file
                save_file({"w": numpy.arange(6, dtype=numpy.float32).reshape(2, 3) / 4,
                           "h": numpy.array([1.5, -2.0], dtype=numpy.float16),
                           "n": numpy.array(7, dtype=numpy.int64)}, sys.argv[1], metadata={"k": "v"})
                """, theirs);
        SafeTensors.Contents c = SafeTensors.read(theirs);
        assertArrayEquals(new int[] {2, 3}, c.tensors().get("w").shape());
        assertArrayEquals(
                new float[] {0, 0.25f, 0.5f, 0.75f, 1f, 1.25f},
                c.tensors().get("w").values());
        assertArrayEquals(new float[] {1.5f, -2f}, c.tensors().get("h").values());
        assertEquals(7f, c.tensors().get("n").values()[0]);
        assertEquals("v", c.metadata().get("k"));
    }
}
