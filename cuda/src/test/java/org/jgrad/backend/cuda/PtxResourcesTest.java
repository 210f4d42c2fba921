package org.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped PTX matches the kernel sources: one module per .cu file, every kernel the Java code
 * launches is an entry of its module, and (where the build ran nvcc) the committed PTX is what
 * nvcc makes from the current sources. Runs without a GPU.
 */
class PtxResourcesTest {
    /** The cuda module: the working directory under Maven, cuda/ from the repository root (the GPU check). */
    static final Path MODULE = Files.isDirectory(Path.of("src/main/cuda")) ? Path.of("") : Path.of("cuda");

    static final Path SOURCES = MODULE.resolve("src/main/cuda");
    static final Path COMMITTED = MODULE.resolve("src/main/resources/org/jgrad/backend/cuda/ptx");

    /** These checks read the source tree; a test jar run where there is none skips them. */
    @org.junit.jupiter.api.BeforeEach
    void needsTheSourceTree() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isDirectory(SOURCES),
                "run from the repository root or the cuda module directory (no " + SOURCES + " here)");
    }

    @Test
    void everySourceHasItsModuleAndViceVersa() throws IOException {
        List<String> sources;
        try (Stream<Path> s = Files.list(SOURCES)) {
            sources = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".cu"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .sorted()
                    .toList();
        }
        assertEquals(CudaKernels.MODULES.stream().sorted().toList(), sources);
        for (String m : CudaKernels.MODULES) {
            assertTrue(Files.exists(COMMITTED.resolve(m + ".ptx")), "committed PTX missing for " + m);
        }
    }

    @Test
    void everyLaunchedKernelIsAnEntryOfItsModule() throws IOException {
        Pattern launch = Pattern.compile("launch(?:2d|Elementwise)?\\(\"(\\w+)\", \"(\\w+)\"");
        for (Path java : List.of(
                MODULE.resolve("src/main/java/org/jgrad/backend/cuda/CudaBackend.java"),
                MODULE.resolve("src/main/java/org/jgrad/backend/cuda/CudaConvLowered.java"))) {
            Matcher m = launch.matcher(Files.readString(java));
            int found = 0;
            while (m.find()) {
                String module = m.group(1).equals("E") ? "elementwise" : m.group(1);
                String ptx = new String(CudaKernels.ptx(module));
                assertTrue(
                        ptx.contains(".entry " + m.group(2) + "("),
                        m.group(2) + " is not an entry of " + module + ".ptx");
                found++;
            }
            assertTrue(found > 0, "no launches found in " + java);
        }
        String gemmPtx = new String(CudaKernels.ptx("gemm"));
        for (String v : new String[] {"nn", "nt", "tn", "tt"}) {
            assertTrue(gemmPtx.contains(".entry sgemm_" + v + "("));
            assertTrue(gemmPtx.contains(".entry sgemm_" + v + "_vec("));
        }
    }

    @Test
    void committedPtxIsWhatTheBuildMadeFromTheSources() throws IOException {
        // The build (exec plugin, when nvcc is present) writes fresh PTX into target/classes;
        // without nvcc target/classes holds the committed copy, and this check is trivially true.
        for (String m : CudaKernels.MODULES) {
            byte[] committed = Files.readAllBytes(COMMITTED.resolve(m + ".ptx"));
            byte[] built = CudaKernels.ptx(m);
            assertArrayEquals(
                    committed,
                    Arrays.copyOf(built, built.length - 1),
                    m
                            + ".ptx is stale: run cuda/src/main/cuda/build-ptx.sh cuda/src/main/resources/org/jgrad/backend/cuda/ptx");
        }
    }
}
