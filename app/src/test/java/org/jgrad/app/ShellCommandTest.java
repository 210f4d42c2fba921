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
        String script = String.join("\n",
                "var x = Tensor.scalar(3f).requiresGrad(true);",
                "var y = x.mul(x).add(x);",
                "y.backward();",
                "x.grad().item()",
                "y.item()",
                "GraphDrawing.toDot(y).contains(\"label=\\\"mul\\\"\")",
                "/exit", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit = ShellCommand.start(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), new HashMap<>());
        String shown = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, shown);
        assertTrue(shown.contains("==> 7.0"), "x.grad():\n" + shown);
        assertTrue(shown.contains("==> 12.0"), "y:\n" + shown);
        assertTrue(shown.contains("==> true"), "the graph drawing is imported:\n" + shown);
        assertTrue(!shown.contains("Error"), shown);
    }

    @Test
    void startupImportsTheEnginePackages() {
        String s = ShellCommand.startupSnippets();
        for (String p : ShellCommand.IMPORTS) assertTrue(s.contains("import " + p + ".*;"), s);
    }
}
