package org.jgrad.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jgrad.autograd.GraphDrawing;
import org.jgrad.tensor.Tensor;

/**
 * Writes the drawing of a computation graph to a file chosen by its extension: {@code .dot}
 * (Graphviz text) or {@code .svg}, rendered by Graphviz's {@code dot} when it is on the PATH
 * (the better layout) and otherwise drawn by the engine itself, so it works on any machine.
 */
final class GraphFile {
    private GraphFile() {}

    /** Writes the graph behind {@code root} to {@code file}; returns how the SVG was made ("graphviz", "jgrad") or "dot". */
    static String write(Tensor root, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String dot = GraphDrawing.toDot(root);
        if (name.endsWith(".dot") || name.endsWith(".gv")) {
            Files.writeString(file, dot);
            return "dot";
        }
        if (!name.endsWith(".svg")) {
            throw new IllegalArgumentException("--graph " + file + ": the name must end in .svg or .dot");
        }
        byte[] svg = renderWithGraphviz(dot);
        Files.write(file, svg != null ? svg : GraphDrawing.toSvg(root).getBytes(StandardCharsets.UTF_8));
        return svg != null ? "graphviz" : "jgrad";
    }

    /** The SVG from {@code dot -Tsvg}, or null when Graphviz is missing or fails (then the engine draws it). */
    private static byte[] renderWithGraphviz(String dot) {
        if ("false".equals(System.getProperty("jgrad.graphviz"))) return null;
        try {
            Process p = new ProcessBuilder("dot", "-Tsvg")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            }
            byte[] svg = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroy();
                return null;
            }
            return p.exitValue() == 0 && svg.length > 0 ? svg : null;
        } catch (IOException e) { // no dot on the PATH
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
