package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** jgrad shell, fed a script on its input as a learner would type it. */
class ShellCommandTest {

    @Test
    void learnerSeesValuesAndGradients() throws Exception {
        // y = x² + x at x = 3: y = 12, dy/dx = 2x + 1 = 7 (by hand).
        String script = String.join(
                "\n",
                ShellCommand.HINT.replace("; ", ";\n").replace("x.grad()", "x.grad().item()"),
                "y.item()",
                "GraphDrawing.toDot(y).contains(\"label=\\\"mul\\\"\")",
                "/exit",
                "");
        String shown = run(script);
        assertTrue(shown.contains("==> 7.0"), "x.grad():\n" + shown);
        assertTrue(shown.contains("==> 12.0"), "y:\n" + shown);
        assertTrue(shown.contains("==> true"), "the graph drawing is imported:\n" + shown);
        assertTrue(!shown.contains("Error"), shown);
    }

    @Test
    void everyPackageIsImportedWithoutClashes() throws Exception {
        // Each line names a class from a different engine package; Module and Conv2d are the names
        // that could clash (java.lang.Module, the op behind Conv2d), so their class names are printed.
        String script = String.join(
                "\n",
                "Module m = new Sequential(new Conv2d(1, 2, 3, 1, 1, true, 7L), new Flatten());",
                "m.getClass().getName()",
                "new Conv2d(1, 2, 3, 1, 1, true, 7L).getClass().getName()",
                "new TensorDataset(Tensor.zeros(4, 2), Tensor.zeros(4, 1)).batches(3).count()",
                "Losses.mse(Tensor.of(1f), Tensor.of(3f)).item()",
                "Auc.of(Tensor.of(new double[] {0.1, 0.9}), Tensor.ofLabels(new int[] {0, 1}))",
                "Devices.cpu() == Backends.getDefault()",
                "Reduction.SUM.name()",
                "Conv2dOp.class.getSimpleName()",
                "/exit",
                "");
        String shown = run(script);
        assertTrue(shown.contains("==> \"org.jgrad.nn.Sequential\""), "Module is the engine's:\n" + shown);
        assertTrue(shown.contains("==> \"org.jgrad.nn.Conv2d\""), "Conv2d is the layer:\n" + shown);
        assertTrue(shown.contains("==> 2"), "two batches of 3 and 1 rows:\n" + shown);
        assertTrue(shown.contains("==> 4.0"), "(1 − 3)² = 4:\n" + shown);
        assertTrue(shown.contains("==> 1.0"), "a perfect ranking has AUC 1:\n" + shown);
        assertTrue(shown.contains("==> \"SUM\""), shown);
        assertTrue(shown.contains("==> \"Conv2dOp\""), shown);
        assertTrue(!shown.contains("Error") && !shown.contains("Exception"), shown);
    }

    @Test
    void toyFirstStepAsDocsShowIt() throws Exception {
        // docs/ENGINE.md section 7, typed into the shell (values shown as JShell echoes expressions;
        // System.out would go to this JVM's own output, the shell running in it). The gradients are checked against
        // section 3's
        // formulas (dW = Σ x·diff/3, db = Σ diff/3 with diff = w·x + b − y), evaluated here in doubles;
        // w = −1.2245 is what seed 1 draws, pinned so that the docs' numbers are redone if the init changes.
        String script = String.join(
                "\n",
                "var x = Tensor.of(new double[][] {{-1}, {0}, {1}, {2}, {3}, {4}});",
                "var neuron = new Dense(1, 1, 1L);",
                "var loss = Losses.mse(neuron.forward(x), x.mul(2f).sub(1f));",
                "loss.backward();",
                "double w = neuron.weight().item(), b = neuron.bias().item(), dW = 0, db = 0;",
                "for (int i = -1; i <= 4; i++) { double diff = w * i + b - (2 * i - 1); dW += i * diff / 3; db += diff / 3; }",
                "String.format(\"w=%.4f b=%.4f\", w, b)",
                "\"dW ok \" + (Math.abs(neuron.weight().grad().item() - dW) < 1e-3)",
                "\"db ok \" + (Math.abs(neuron.bias().grad().item() - db) < 1e-3)",
                "String.format(\"dW=%.4f db=%.4f\", dW, db)",
                "/exit",
                "");
        String shown = run(script);
        assertTrue(
                shown.contains("w=-1.2245 b=0.0000"), "seed 1's initial weights, as docs/ENGINE.md states:\n" + shown);
        assertTrue(shown.contains("dW ok true") && shown.contains("db ok true"), shown);
        assertTrue(shown.contains("dW=-30.3203 db=-7.6736"), "the first step's gradients in docs/ENGINE.md:\n" + shown);
    }

    /** The shell's output and errors for a script fed as input; fails unless it exits with 0. */
    private static String run(String script) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit = ShellCommand.start(
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new HashMap<>());
        String shown = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, shown);
        return shown;
    }

    @Test
    void startupImportsTheEnginePackages() {
        String s = ShellCommand.startupSnippets();
        for (String p : ShellCommand.IMPORTS) assertTrue(s.contains("import " + p + ".*;"), s);
        assertTrue(s.contains("import org.jgrad.nn.Module;"), s);
    }
}
