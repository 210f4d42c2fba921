package org.jgrad.app;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
    void badArgumentsGiveUsageAndNonZeroExit() {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            assertNotEquals(0, Main.run("toy", "--epochs", "many"));
            assertNotEquals(0, Main.run("toy", "--epochs", "0"));
        } finally {
            System.setErr(oldErr);
        }
        assertTrue(err.toString().contains("--epochs"), err.toString());
    }
}
