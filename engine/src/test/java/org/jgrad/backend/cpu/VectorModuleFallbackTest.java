package org.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.Storage;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --add-modules jdk.incubator.vector} the fast backend must still work: it says so
 * once on stderr and runs the reference loops. This starts a second JVM without the module (the
 * test JVM has it) and runs {@link Probe} there.
 */
class VectorModuleFallbackTest {

    @Test
    void withoutTheVectorModuleItWarnsOnceAndMatchesTheReference() throws Exception {
        Path err = Files.createTempFile("jgrad-fallback", ".err");
        try {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(
                            List.of(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName()))
                    .redirectError(err.toFile())
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
            String stderr = Files.readString(err);
            assertEquals(0, p.exitValue(), "probe failed: " + out + stderr);
            assertTrue(out.contains("vectorised=false"), out);
            assertTrue(out.contains("matches=true"), out);
            long notices = stderr.lines()
                    .filter(l -> l.contains("fast CPU kernels off"))
                    .count();
            assertEquals(1, notices, "exactly one notice expected, stderr was:\n" + stderr);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Runs in the child JVM: two backends (one notice), a convolution compared with the reference. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            FastCpuBackend first = new FastCpuBackend(2), second = new FastCpuBackend(1);
            ConvGeometry g = new ConvGeometry(2, 3, 6, 5, 4, 3, 3, 1, 1, 1, 1);
            float[] x = new float[g.inputSize()], w = new float[g.weightSize()];
            for (int i = 0; i < x.length; i++) x[i] = (i % 7) - 3f;
            for (int i = 0; i < w.length; i++) w[i] = (i % 5) * 0.5f - 1f;
            Storage y1 = first.allocate(g.outputSize()), y2 = new ReferenceBackend().allocate(g.outputSize());
            first.conv2dForward(y1, first.upload(x), first.upload(w), null, g);
            new ReferenceBackend().conv2dForward(y2, first.upload(x), first.upload(w), null, g);
            boolean matches = java.util.Arrays.equals(CpuStorage.array(y1), CpuStorage.array(y2));
            System.out.println("vectorised=" + (first.vectorised() || second.vectorised()) + " matches=" + matches);
        }
    }
}
