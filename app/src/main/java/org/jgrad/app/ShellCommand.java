package org.jgrad.app;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import org.jgrad.device.Backends;
import org.jgrad.tensor.Tensor;
import picocli.CommandLine.Command;

/**
 * {@code jgrad shell}: JShell with the engine on its class path and its packages imported, to try
 * tensors and gradients one line at a time, as one does with micrograd in a notebook. Snippets run
 * in this JVM (JShell's local execution), so the engine runs with the same backend and the same
 * {@code --add-modules jdk.incubator.vector} that {@code ./jgrad} starts the JVM with.
 */
@Command(
        name = "shell",
        mixinStandardHelpOptions = true,
        description = "Start JShell with the engine on its class path and its packages imported (/exit leaves).")
public final class ShellCommand implements Callable<Integer> {

    /**
     * The engine's packages, all imported: no two of them share a simple name (the ops end in "Op"
     * where a layer has the plain name, so {@code Conv2d} is the layer). JShell complains about a
     * clash only where the clashing name is used.
     */
    static final List<String> IMPORTS = List.of(
            "org.jgrad.tensor",
            "org.jgrad.autograd",
            "org.jgrad.nn",
            "org.jgrad.ops",
            "org.jgrad.data",
            "org.jgrad.loss",
            "org.jgrad.optim",
            "org.jgrad.metrics",
            "org.jgrad.device",
            "org.jgrad.io",
            "org.jgrad.backend",
            "org.jgrad.check");

    /** Imported by name because a star import leaves it ambiguous with java.lang.Module. */
    static final String MODULE_IMPORT = "org.jgrad.nn.Module";

    /** The first lines a learner types, shown when the shell starts. */
    static final String HINT =
            "var x = Tensor.of(3f).requiresGrad(true); var y = x.mul(x).add(x); y.backward(); x.grad()";

    @Override
    public Integer call() throws Exception {
        return start(System.in, System.out, System.err, null);
    }

    /**
     * Runs the shell on the given streams until /exit or the end of {@code in}; returns its exit code.
     * {@code settings} null keeps JShell's own settings store (history across sessions); tests pass a map.
     */
    static int start(InputStream in, PrintStream out, PrintStream err, Map<String, String> settings) throws Exception {
        Path startup = Files.createTempFile("jgrad-shell", ".jsh");
        try {
            Files.writeString(startup, startupSnippets());
            JavaShellToolBuilder shell =
                    JavaShellToolBuilder.builder().in(in, in).out(out).err(err);
            if (settings != null) shell.persistence(settings);
            return shell.start(
                    "--class-path",
                    classPath(),
                    "--execution",
                    "local",
                    "--startup",
                    "DEFAULT",
                    "--startup",
                    startup.toString());
        } finally {
            Files.deleteIfExists(startup);
        }
    }

    /** The imports, and one line on where to start. */
    static String startupSnippets() {
        StringBuilder s = new StringBuilder();
        for (String p : IMPORTS) s.append("import ").append(p).append(".*;\n");
        s.append("import ").append(MODULE_IMPORT).append(";\n");
        s.append("System.out.println(\"jgrad shell (backend ")
                .append(Backends.getDefault().name())
                .append("). Try: ")
                .append(HINT)
                .append("  |  GraphDrawing.toDot(y)  |  /exit\");\n");
        return s.toString();
    }

    /** The JVM's class path plus wherever the engine's classes came from (a fat jar, a folder, a jar). */
    private static String classPath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>(
                List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        entries.add(Path.of(Tensor.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString());
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }
}
