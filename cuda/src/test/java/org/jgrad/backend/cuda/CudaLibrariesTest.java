package org.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Library discovery: the search order and the places it looks, on fake directory trees. */
class CudaLibrariesTest {
    @TempDir
    Path tmp;

    private Path fakeLibrary(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), "not a real library");
    }

    @Test
    void jgradCudaLibsComesFirstThenLdLibraryPath() throws IOException {
        Path mine = tmp.resolve("mine"), ld = tmp.resolve("ld");
        fakeLibrary(mine, "libcudnn.so.9");
        fakeLibrary(ld, "libcudnn.so.9");
        fakeLibrary(ld, "libcublas.so.12");
        CudaLibraries libs = new CudaLibraries(CudaLibraries.searchDirectories(Map.of(
                CudaLibraries.PATH_VARIABLE,
                mine.toString(),
                "LD_LIBRARY_PATH",
                ld + java.io.File.pathSeparator + "/no/such/dir")));
        assertEquals(mine.toAbsolutePath(), libs.directories().get(0));
        assertEquals(ld.toAbsolutePath(), libs.directories().get(1));
        assertEquals(
                mine.resolve("libcudnn.so.9").toAbsolutePath(),
                libs.find("libcudnn.so.9").orElseThrow().toAbsolutePath());
        assertEquals(
                ld.resolve("libcublas.so.12").toAbsolutePath(),
                libs.find("libcublas.so.12").orElseThrow().toAbsolutePath());
        assertFalse(libs.directories().contains(Path.of("/no/such/dir")), "missing directories are dropped");
    }

    @Test
    void aFileInJgradCudaLibsMeansItsDirectory() throws IOException {
        Path lib = fakeLibrary(tmp.resolve("x"), "libcudnn.so.9");
        List<Path> dirs = CudaLibraries.searchDirectories(Map.of(CudaLibraries.PATH_VARIABLE, lib.toString()));
        assertEquals(lib.getParent().toAbsolutePath(), dirs.get(0));
    }

    @Test
    void pipNvidiaWheelsInAVirtualEnvironmentAreFound() throws IOException {
        Path venv = tmp.resolve("venv");
        Path site = venv.resolve("lib/python3.12/site-packages/nvidia");
        fakeLibrary(site.resolve("cudnn/lib"), "libcudnn.so.9");
        fakeLibrary(site.resolve("cu13/lib"), "libcublas.so.13");
        CudaLibraries libs = new CudaLibraries(CudaLibraries.searchDirectories(Map.of("VIRTUAL_ENV", venv.toString())));
        assertTrue(libs.find("libcudnn.so.9").isPresent(), () -> "searched " + libs.directories());
        assertTrue(libs.find("libcublas.so.13").isPresent());
    }

    @Test
    void condaAndCudaHomeAreSearched() throws IOException {
        Path conda = tmp.resolve("conda"), cuda = tmp.resolve("cuda");
        fakeLibrary(conda.resolve("lib"), "libcublas.so.12");
        fakeLibrary(cuda.resolve("lib64"), "libcublasLt.so.12");
        CudaLibraries libs = new CudaLibraries(CudaLibraries.searchDirectories(
                Map.of("CONDA_PREFIX", conda.toString(), "CUDA_HOME", cuda.toString())));
        assertTrue(libs.find("libcublas.so.12").isPresent());
        assertTrue(libs.find("libcublasLt.so.12").isPresent());
    }

    @Test
    void aMissingOrBrokenLibraryIsReportedNotThrown() throws IOException {
        Path dir = tmp.resolve("broken");
        fakeLibrary(dir, "libcudnn.so.9");
        CudaLibraries libs = new CudaLibraries(List.of(dir));
        CudaLibraries.Outcome missing = libs.load("libcublas.so.12");
        assertFalse(missing.loaded());
        assertTrue(missing.problem().startsWith("not found"), missing.problem());
        CudaLibraries.Outcome broken = libs.loadCudnn();
        assertFalse(broken.loaded());
        assertEquals(dir.resolve("libcudnn.so.9"), broken.path());
        assertTrue(broken.toString().contains("not loaded"), broken.toString());
    }

    @Test
    void theLoadersReasonIsDugOutOfJCudasNestedMessage() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError(
                "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                        + "Stack trace from the attempt to load the library as a resource:\n"
                        + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file");
        assertEquals("libcuda.so.1 not found by the system loader", CudaLibraries.linkProblem(e));
        assertEquals(
                "undefined symbol cudnnFoo (library version mismatch)",
                CudaLibraries.linkProblem(new UnsatisfiedLinkError("x.so: undefined symbol: cudnnFoo")));
        assertEquals("first line", CudaLibraries.linkProblem(new UnsatisfiedLinkError("first line\nsecond")));
    }
}
