package org.jgrad.autograd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgrad.autograd.GraphDrawing.OpOval;
import org.jgrad.autograd.GraphDrawing.Picture;
import org.jgrad.autograd.GraphDrawing.TensorBox;

/**
 * Draws a {@link Picture} as SVG with a plain layered layout, left to right: a tensor at distance
 * d from the leaves goes to column 2d, the op that made it to column 2d − 1, a leaf just before
 * the first op that reads it, and each column stacks its items, centred, in the order the walk
 * met them. Straight arrows, no crossing
 * reduction: enough for the small graphs one draws to learn, and no Graphviz needed.
 */
final class GraphSvg {
    private static final int CHAR_WIDTH = 7; // of a 12 px monospace font, rounded up
    private static final int LINE_HEIGHT = 15;
    private static final int PAD = 6;
    private static final int COLUMN_GAP = 40;
    private static final int ROW_GAP = 16;
    private static final int OP_HEIGHT = 28;

    private GraphSvg() {}

    /** One laid-out item: a tensor box or an op oval, with its top-left corner and size. */
    private record Item(List<String> lines, boolean isOp, int[] box) {} // box = {x, y, width, height}

    static String draw(Picture p) {
        Map<String, Item> items = new LinkedHashMap<>();
        List<List<Item>> columns = new ArrayList<>();
        // A leaf (depth 0) stands just before the first op that reads it, not always in column 0.
        Map<String, Integer> leafColumn = new HashMap<>();
        for (OpOval op : p.ops()) {
            for (TensorBox in : op.inputs()) {
                if (in.depth() == 0) leafColumn.merge(in.id(), 2 * op.output().depth() - 2, Math::min);
            }
        }
        for (TensorBox t : p.tensors()) {
            int column = t.depth() > 0 ? 2 * t.depth() : leafColumn.getOrDefault(t.id(), 0);
            place(items, columns, t.id(), t.lines(), false, column);
        }
        for (OpOval op : p.ops())
            place(
                    items,
                    columns,
                    op.id(),
                    List.of(op.name()),
                    true,
                    2 * op.output().depth() - 1);
        int height = 0;
        for (List<Item> column : columns) height = Math.max(height, columnHeight(column));
        int x = PAD;
        for (List<Item> column : columns) {
            int width = 0, y = PAD + (height - columnHeight(column)) / 2; // columns centred on each other
            for (Item it : column) width = Math.max(width, it.box()[2]);
            for (Item it : column) {
                it.box()[0] = x + (width - it.box()[2]) / 2;
                it.box()[1] = y;
                y += it.box()[3] + ROW_GAP;
            }
            x += width + COLUMN_GAP;
        }
        height += 2 * PAD;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "font-family=\"monospace\" font-size=\"12\">%n",
                x - COLUMN_GAP + PAD,
                height));
        svg.append(
                "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                        + "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n");
        for (OpOval op : p.ops()) {
            for (TensorBox in : op.inputs()) arrow(svg, items.get(in.id()), items.get(op.id()));
            arrow(svg, items.get(op.id()), items.get(op.output().id()));
        }
        for (Item it : items.values()) shape(svg, it);
        return svg.append("</svg>\n").toString();
    }

    private static int columnHeight(List<Item> column) {
        int h = 0;
        for (Item it : column) h += it.box()[3] + ROW_GAP;
        return Math.max(0, h - ROW_GAP);
    }

    private static void place(
            Map<String, Item> items,
            List<List<Item>> columns,
            String id,
            List<String> lines,
            boolean isOp,
            int column) {
        int longest = 0;
        for (String line : lines) longest = Math.max(longest, line.length());
        int height = isOp ? OP_HEIGHT : lines.size() * LINE_HEIGHT + 2 * PAD;
        Item it = new Item(lines, isOp, new int[] {0, 0, longest * CHAR_WIDTH + 4 * PAD, height});
        while (columns.size() <= column) columns.add(new ArrayList<>());
        columns.get(column).add(it);
        items.put(id, it);
    }

    private static void shape(StringBuilder svg, Item it) {
        int[] b = it.box();
        if (it.isOp()) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<ellipse class=\"op\" cx=\"%d\" cy=\"%d\" rx=\"%d\" ry=\"%d\" fill=\"#fff4d6\" stroke=\"black\"/>%n",
                    b[0] + b[2] / 2,
                    b[1] + b[3] / 2,
                    b[2] / 2,
                    b[3] / 2));
            text(svg, b[0] + b[2] / 2, b[1] + b[3] / 2 + 4, "middle", it.lines().get(0));
        } else {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"tensor\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#e8f0ff\" stroke=\"black\"/>%n",
                    b[0],
                    b[1],
                    b[2],
                    b[3]));
            for (int i = 0; i < it.lines().size(); i++) {
                text(
                        svg,
                        b[0] + 2 * PAD,
                        b[1] + PAD + (i + 1) * LINE_HEIGHT - 3,
                        "start",
                        it.lines().get(i));
            }
        }
    }

    /** From the middle of the source's right edge to the middle of the target's left edge. */
    private static void arrow(StringBuilder svg, Item from, Item to) {
        int[] a = from.box(), b = to.box();
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"edge\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\" marker-end=\"url(#arrow)\"/>%n",
                a[0] + a[2],
                a[1] + a[3] / 2,
                b[0],
                b[1] + b[3] / 2));
    }

    private static void text(StringBuilder svg, int x, int y, String anchor, String s) {
        svg.append(String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>%n", x, y, anchor, xml(s)));
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
