package org.jgrad.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgrad.backend.cpu.FastCpuBackend;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The default backend when nobody chose one: the fast CPU backend in a JVM with the Vector API
 * module, the reference loops with one notice in a JVM without. Each case runs {@link Probe} in a
 * fresh JVM, because this test JVM's default may have been set by other tests.
 */
class DefaultBackendTest {

    @Test
    void withTheVectorModuleTheFastBackendIsTheDefaultAndNothingIsPrinted() throws Exception {
        String[] outErr = probe(true);
        assertTrue(outErr[0].contains("default=cpu vectorised=true"), outErr[0] + outErr[1]);
        assertTrue(outErr[0].contains("sum=6.0"), outErr[0]);
        assertEquals(0, notices(outErr[1]), outErr[1]);
    }

    @Test
    void withoutItTheReferenceLoopsAreTheDefaultAfterOneNotice() throws Exception {
        String[] outErr = probe(false);
        assertTrue(outErr[0].contains("default=cpu-reference"), outErr[0] + outErr[1]);
        assertTrue(outErr[0].contains("sum=6.0"), outErr[0]);
        assertEquals(1, notices(outErr[1]), "one notice, though the probe also makes a fast backend:\n" + outErr[1]);
        assertTrue(outErr[1].contains("--add-modules jdk.incubator.vector"), outErr[1]);
    }

    private static long notices(String stderr) {
        return stderr.lines().filter(l -> l.contains("fast CPU kernels off")).count();
    }

    private static String[] probe(boolean withVectorModule) throws Exception {
        Path err = Files.createTempFile("jgrad-default-backend", ".err");
        try {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            if (withVectorModule) command.add("--add-modules=jdk.incubator.vector");
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
            String stderr = Files.readString(err);
            assertEquals(0, p.exitValue(), "probe failed: " + out + stderr);
            return new String[] {out, stderr};
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Runs in the child JVM: the default backend's name, a small sum on it, then a fast backend made on purpose. */
    public static final class Probe {
        public static void main(String[] args) {
            Tensor t = Tensor.of(new float[] {1, 2, 3}, 3);
            System.out.println("default=" + Backends.getDefault().name() + " vectorised="
                    + new FastCpuBackend(1).vectorised() + " sum=" + t.sum().item());
        }
    }
}
