package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyCommandTest {

    static String runCapturing(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(0, Main.run(args), "exit code");
        } finally {
            System.setOut(old);
        }
        return buf.toString();
    }

    @Test
    void toyPredictsAbout19() {
        String out = runCapturing("toy");
        Matcher m = Pattern.compile("predict\\(10\\.0\\) = (-?[0-9.]+)").matcher(out);
        assertTrue(m.find(), out);
        float value = Float.parseFloat(m.group(1));
        assertEquals(19f, value, 0.1f, out);
        assertEquals(5, out.lines().filter(l -> l.startsWith("epoch ")).count(), "loss every 100 epochs");
    }

    @Test
    void houseExercisePredictsAbout400() {
        String out = runCapturing("toy", "--house");
        Matcher m = Pattern.compile("predict\\(7\\.0 bedrooms\\) = ([0-9.]+)").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(400f, Float.parseFloat(m.group(1)), 10f, out);
    }

    @Test
    void graphOfOneStepAsDotAndSvg(@TempDir Path dir) throws Exception {
        Path dot = dir.resolve("toy.dot");
        runCapturing("toy", "--epochs", "100", "--graph", dot.toString());
        String text = Files.readString(dot);
        // x, weight, bias → linear → prediction; prediction − y → diff; diff·diff; sum; ·1/6 → loss.
        assertEquals(9, text.lines().filter(l -> l.contains("[shape=box")).count(), text);
        assertEquals(5, text.lines().filter(l -> l.contains("[shape=ellipse")).count(), text);
        for (String name : new String[] {"x", "y", "weight", "bias", "loss"}) {
            assertTrue(text.contains("label=\"" + name + "\\n"), name + " in\n" + text);
        }
        assertTrue(text.contains("grad 1\""), "d loss / d loss = 1:\n" + text);

        Path svg = dir.resolve("toy.svg");
        String out = runCapturing("toy", "--epochs", "100", "--graph", svg.toString());
        assertTrue(out.contains("written to " + svg), out);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()); // well-formed
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(Files.readString(svg).contains("weight"), "the weight's box");
    }

    @Test
    void badArgumentsGiveUsageAndNonZeroExit() {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            assertNotEquals(0, Main.run("toy", "--epochs", "many"));
            assertNotEquals(0, Main.run("toy", "--epochs", "0"));
            assertNotEquals(0, Main.run("toy", "--graph", "toy.png"));
        } finally {
            System.setErr(oldErr);
        }
        assertTrue(err.toString().contains("--epochs"), err.toString());
        assertTrue(err.toString().contains("--graph toy.png: the name must end in .svg or .dot"), err.toString());
    }
}
