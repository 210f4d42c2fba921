package org.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The graph drawing on micrograd's example: L = (a·b + c)·f, drawn after backward. */
class GraphDrawingTest {

    /** a = 2, b = −3, c = 10, f = −2: e = a·b = −6, d = e + c = 4, L = d·f = −8. */
    private static Tensor microgradExample() {
        Tensor a = Tensor.scalar(2f).requiresGrad(true).named("a");
        Tensor b = Tensor.scalar(-3f).requiresGrad(true).named("b");
        Tensor c = Tensor.scalar(10f).requiresGrad(true).named("c");
        Tensor f = Tensor.scalar(-2f).requiresGrad(true).named("f");
        Tensor e = a.mul(b).named("e");
        Tensor d = e.add(c).named("d");
        Tensor loss = d.mul(f).named("L");
        GraphDrawing.keepGradients(loss);
        loss.backward();
        return loss;
    }

    @Test
    void dotHasEveryTensorWithValueAndGradientAndEveryEdge() {
        String dot = GraphDrawing.toDot(microgradExample());
        // Node id by the box's first line (the tensor's name); op ids by their name.
        Map<String, String> idOf = new HashMap<>();
        Matcher box =
                Pattern.compile("(t\\d+) \\[shape=box, label=\"(\\w+)\\\\n").matcher(dot);
        while (box.find()) idOf.put(box.group(2), box.group(1));
        assertEquals(Set.of("a", "b", "c", "f", "e", "d", "L"), idOf.keySet(), dot);
        Set<String> edges = new HashSet<>();
        Matcher edge = Pattern.compile("(\\w+) -> (\\w+);").matcher(dot);
        while (edge.find()) edges.add(edge.group(1) + "->" + edge.group(2));
        assertEquals(9, edges.size(), dot); // mul: 2 in + 1 out, add: 2 + 1, mul: 2 + 1
        // Each op oval sits between its inputs and its output.
        assertTrue(hasOpBetween(dot, edges, idOf, "mul", "a", "b", "e"), dot);
        assertTrue(hasOpBetween(dot, edges, idOf, "add", "e", "c", "d"), dot);
        assertTrue(hasOpBetween(dot, edges, idOf, "mul", "d", "f", "L"), dot);
        // Values and gradients worked by hand: dL/dd = f = −2, dL/df = d = 4, dL/de = dL/dc = −2,
        // dL/da = −2·b = 6, dL/db = −2·a = −4.
        assertLabel(dot, "a", "data 2", "grad 6");
        assertLabel(dot, "b", "data -3", "grad -4");
        assertLabel(dot, "c", "data 10", "grad -2");
        assertLabel(dot, "e", "data -6", "grad -2");
        assertLabel(dot, "d", "data 4", "grad -2");
        assertLabel(dot, "f", "data -2", "grad 4");
        assertLabel(dot, "L", "data -8", "grad 1");
    }

    @Test
    void graphToDotIsTheSameDrawing() {
        Tensor loss = microgradExample();
        String dot = Graph.toDot(loss);
        assertEquals(GraphDrawing.toDot(loss), dot);
        assertTrue(dot.startsWith("digraph"), dot);
    }

    @Test
    void svgIsWellFormedWithOneBoxPerTensorAndOneOvalPerOp() throws Exception {
        String svg = GraphDrawing.toSvg(microgradExample());
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(7, doc.getElementsByTagName("rect").getLength(), svg);
        assertEquals(3, doc.getElementsByTagName("ellipse").getLength(), svg);
        assertEquals(9, doc.getElementsByTagName("line").getLength(), svg);
        assertTrue(svg.contains(">grad 6<"), svg);
    }

    @Test
    void largeTensorsShowTheirMeanAndInputsWithoutGradientAreDrawn() {
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 8)
                .requiresGrad(true)
                .named("w");
        Tensor x = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, 8).named("x"); // data: no gradient
        String dot = GraphDrawing.toDot(w.mul(x).sum());
        assertTrue(dot.contains("data mean 4.5 (8 values)"), dot);
        assertTrue(dot.contains("label=\"x\\nshape [8]\\ndata mean 1 (8 values)\\ngrad -\""), dot);
    }

    @Test
    void specialCharactersAreEscaped() throws Exception {
        Tensor t = Tensor.scalar(1f).requiresGrad(true).named("<\"&\">");
        String svg = GraphDrawing.toSvg(t.mul(2f));
        DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertTrue(GraphDrawing.toDot(t).contains("label=\"<\\\"&\\\">\\n"), GraphDrawing.toDot(t));
    }

    @Test
    void numbersAreShort() {
        assertEquals("2", GraphDrawing.number(2f));
        assertEquals("-0.5", GraphDrawing.number(-0.5f));
        assertEquals("0.3333", GraphDrawing.number(1f / 3));
        assertEquals("1.235e+07", GraphDrawing.number(12345678.9f));
    }

    private static boolean hasOpBetween(
            String dot, Set<String> edges, Map<String, String> idOf, String op, String in1, String in2, String out) {
        Matcher oval = Pattern.compile("(op\\d+) \\[shape=ellipse, label=\"" + op + "\"\\]")
                .matcher(dot);
        while (oval.find()) {
            String id = oval.group(1);
            if (edges.contains(idOf.get(in1) + "->" + id)
                    && edges.contains(idOf.get(in2) + "->" + id)
                    && edges.contains(id + "->" + idOf.get(out))) return true;
        }
        return false;
    }

    private static void assertLabel(String dot, String name, String data, String grad) {
        assertTrue(
                dot.contains("label=\"" + name + "\\nshape []\\n" + data + "\\n" + grad + "\""), name + " in\n" + dot);
    }
}
