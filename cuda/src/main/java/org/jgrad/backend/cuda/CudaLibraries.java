package org.jgrad.backend.cuda;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the NVIDIA shared libraries (driver, cuDNN, cuBLAS) on this machine and loads them by
 * absolute path, so that JCuda's JNI libraries, which name them only by soname, find them already
 * loaded. A JVM reads {@code LD_LIBRARY_PATH} once at start; loading by path here lets
 * {@code JGRAD_CUDA_LIBS} and the usual install locations (CUDA toolkits, conda, pip's
 * {@code nvidia-*} wheels) work without restarting anything.
 *
 * <p>Search order: every entry of {@code JGRAD_CUDA_LIBS} (directories or library files, separated
 * by the path separator), then {@code LD_LIBRARY_PATH}, then the common locations of
 * {@link #commonDirectories}. This class uses no JCuda type, so it works on any machine.
 */
public final class CudaLibraries {
    /** Environment variable naming extra directories or files to search first. */
    public static final String PATH_VARIABLE = "JGRAD_CUDA_LIBS";

    /** cuDNN 9 is split into sub-libraries that libcudnn.so.9 opens by name; loaded here in dependency order. */
    static final List<String> CUDNN_PARTS = List.of(
            "libcudnn_graph.so.9",
            "libcudnn_engines_precompiled.so.9",
            "libcudnn_engines_runtime_compiled.so.9",
            "libcudnn_heuristic.so.9",
            "libcudnn_ops.so.9",
            "libcudnn_cnn.so.9",
            "libcudnn_adv.so.9");

    private final List<Path> directories;

    /** One library's fate: where it was found and whether it loaded (reason when not). */
    public record Outcome(String soname, Path path, boolean loaded, String problem) {
        @Override
        public String toString() {
            if (loaded) return soname + " loaded from " + path;
            return soname + " not loaded: " + problem;
        }
    }

    CudaLibraries(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** The search path of this process, built from its environment. */
    public static CudaLibraries fromEnvironment() {
        return new CudaLibraries(searchDirectories(System.getenv()));
    }

    public List<Path> directories() {
        return directories;
    }

    /** Directories to search, in order, for the given environment (without duplicates, existing only). */
    static List<Path> searchDirectories(Map<String, String> env) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String entry : split(env.get(PATH_VARIABLE))) {
            Path p = Paths.get(entry);
            dirs.add(Files.isRegularFile(p) && p.getParent() != null ? p.getParent() : p);
        }
        for (String entry : split(env.get("LD_LIBRARY_PATH"))) dirs.add(Paths.get(entry));
        dirs.addAll(commonDirectories(env));
        List<Path> existing = new ArrayList<>();
        for (Path d : dirs)
            if (Files.isDirectory(d)) existing.add(d.toAbsolutePath().normalize());
        return new ArrayList<>(new LinkedHashSet<>(existing));
    }

    /** Where CUDA, cuDNN and cuBLAS usually live: toolkits, the driver, conda and pip nvidia-* wheels. */
    static List<Path> commonDirectories(Map<String, String> env) {
        List<Path> dirs = new ArrayList<>();
        for (String var : List.of("CUDA_HOME", "CUDA_PATH", "CUDNN_HOME")) {
            String home = env.get(var);
            if (home != null && !home.isBlank()) {
                dirs.add(Paths.get(home, "lib64"));
                dirs.add(Paths.get(home, "lib"));
            }
        }
        dirs.add(Paths.get("/usr/local/cuda/lib64"));
        dirs.add(Paths.get("/usr/local/cuda/targets/x86_64-linux/lib"));
        dirs.addAll(childrenMatching(Paths.get("/usr/local"), "cuda-", "lib64"));
        dirs.add(Paths.get("/usr/local/nvidia/lib64"));
        dirs.add(Paths.get("/usr/local/nvidia/lib"));
        dirs.add(Paths.get("/usr/lib/x86_64-linux-gnu"));
        dirs.add(Paths.get("/usr/lib64"));
        dirs.add(Paths.get("/usr/local/lib"));
        dirs.add(Paths.get("/usr/lib/wsl/lib"));
        // Python environments: their nvidia-* wheels keep libraries in site-packages/nvidia/<part>/lib.
        List<Path> pythonRoots = new ArrayList<>();
        for (String var : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            String root = env.get(var);
            if (root != null && !root.isBlank()) pythonRoots.add(Paths.get(root));
        }
        String home = env.get("HOME");
        if (home != null) pythonRoots.add(Paths.get(home, ".local"));
        pythonRoots.add(Paths.get("/opt/conda"));
        pythonRoots.add(Paths.get("/usr/local"));
        pythonRoots.add(Paths.get("/usr"));
        for (Path opt : children(Paths.get("/opt"))) {
            pythonRoots.add(opt);
            pythonRoots.add(opt.resolve(".venv"));
            pythonRoots.add(opt.resolve("venv"));
        }
        for (Path root : pythonRoots) {
            dirs.add(root.resolve("lib"));
            for (Path python : childrenMatching(root.resolve("lib"), "python3", null)) {
                for (String packages : List.of("site-packages", "dist-packages")) {
                    for (Path part : children(python.resolve(packages).resolve("nvidia"))) {
                        dirs.add(part.resolve("lib"));
                        dirs.add(part.resolve("lib64"));
                    }
                }
            }
        }
        return dirs;
    }

    /** The first file named {@code soname} on the search path. */
    public Optional<Path> find(String soname) {
        for (Path dir : directories) {
            Path candidate = dir.resolve(soname);
            if (Files.exists(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /**
     * Loads {@code soname} from the search path. A library that is not on it may still be
     * found by the system loader later (ld.so cache), so "not found" is reported, not thrown.
     */
    public Outcome load(String soname) {
        Optional<Path> path = find(soname);
        if (path.isEmpty()) {
            return new Outcome(
                    soname,
                    null,
                    false,
                    "not found in " + PATH_VARIABLE + ", LD_LIBRARY_PATH or " + directories.size()
                            + " common locations");
        }
        try {
            System.load(path.get().toString());
            return new Outcome(soname, path.get(), true, null);
        } catch (UnsatisfiedLinkError e) {
            return new Outcome(soname, path.get(), false, firstLine(e.getMessage()));
        }
    }

    /**
     * Loads cuDNN 9: its sub-libraries (repeating passes, since they depend on each other), then
     * libcudnn.so.9. Returns the outcome for libcudnn.so.9 itself; sub-library failures are
     * tolerated because cuDNN opens only the parts an operation needs.
     */
    public Outcome loadCudnn() {
        Optional<Path> main = find("libcudnn.so.9");
        if (main.isPresent()) {
            Path dir = main.get().getParent();
            List<String> pending = new ArrayList<>(CUDNN_PARTS);
            boolean progress = true;
            while (progress && !pending.isEmpty()) {
                progress = false;
                for (var it = pending.iterator(); it.hasNext(); ) {
                    Path part = dir.resolve(it.next());
                    if (!Files.exists(part)) {
                        it.remove();
                        continue;
                    }
                    try {
                        System.load(part.toString());
                        it.remove();
                        progress = true;
                    } catch (UnsatisfiedLinkError ignored) {
                        // retried in the next pass, once the parts it needs are loaded
                    }
                }
            }
        }
        return load("libcudnn.so.9");
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) return out;
        for (String s : list.split(java.io.File.pathSeparator)) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    /** Sub-directories of dir whose names start with prefix, newest version first, optionally + child. */
    private static List<Path> childrenMatching(Path dir, String prefix, String child) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path p : s) out.add(child == null ? p : p.resolve(child));
        } catch (IOException | SecurityException e) {
            return out;
        }
        out.sort(Comparator.comparing(Path::toString).reversed());
        return out;
    }

    private static final java.util.regex.Pattern MISSING =
            java.util.regex.Pattern.compile("(lib[\\w.+-]+\\.so[\\w.]*): cannot open shared object file");
    private static final java.util.regex.Pattern UNDEFINED =
            java.util.regex.Pattern.compile("undefined symbol: (\\S+)");

    /**
     * The useful part of a native-library loading error. JCuda's message nests the loader's errors
     * several lines down; this finds "libcuda.so.1: cannot open shared object file" and the like.
     */
    static String linkProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) continue;
            java.util.regex.Matcher missing = MISSING.matcher(m);
            if (missing.find()) return missing.group(1) + " not found by the system loader";
            java.util.regex.Matcher undefined = UNDEFINED.matcher(m);
            if (undefined.find()) return "undefined symbol " + undefined.group(1) + " (library version mismatch)";
        }
        return firstLine(e.getMessage());
    }

    static String firstLine(String message) {
        if (message == null) return "(no message)";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
