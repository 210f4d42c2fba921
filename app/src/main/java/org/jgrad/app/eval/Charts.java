package org.jgrad.app.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Line charts as PNG bytes (JFreeChart, headless): the ROC and PR curves and the per-epoch
 * curves of the report. A series is a name and its points; NaN points (an undefined AUC) are left out.
 */
public final class Charts {
    private static final Color[] PALETTE = {
        new Color(31, 119, 180),
        new Color(255, 127, 14),
        new Color(44, 160, 44),
        new Color(214, 39, 40),
        new Color(148, 103, 189),
        new Color(140, 86, 75)
    };

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** A named line: xs[i], ys[i]. */
    public record Series(String name, double[] xs, double[] ys) {}

    /**
     * @param markers   draw a dot at every point (per-epoch curves); off for dense curves
     * @param diagonal  add the dashed line y = x (a ROC curve's chance level)
     * @param unitRange fix both axes to [0, 1]
     */
    public static byte[] png(
            String title,
            String xLabel,
            String yLabel,
            List<Series> series,
            boolean markers,
            boolean diagonal,
            boolean unitRange,
            int width,
            int height) {
        return png(title, xLabel, yLabel, series, markers, diagonal ? "chance" : null, unitRange, width, height);
    }

    /** As above, with the dashed y = x line named {@code diagonalName} (none when null). */
    public static byte[] png(
            String title,
            String xLabel,
            String yLabel,
            List<Series> series,
            boolean markers,
            String diagonalName,
            boolean unitRange,
            int width,
            int height) {
        boolean diagonal = diagonalName != null;
        XYSeriesCollection dataset = new XYSeriesCollection();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.xs().length; i++) {
                if (Double.isFinite(s.xs()[i]) && Double.isFinite(s.ys()[i])) xy.add(s.xs()[i], s.ys()[i]);
            }
            index.put(s.name(), dataset.getSeriesCount());
            dataset.addSeries(xy);
        }
        if (diagonal) {
            XYSeries chance = new XYSeries(diagonalName, false, true);
            chance.add(0, 0);
            chance.add(1, 1);
            dataset.addSeries(chance);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, xLabel, yLabel, dataset, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, markers);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        if (diagonal) {
            int d = series.size();
            renderer.setSeriesPaint(d, Color.GRAY);
            renderer.setSeriesStroke(
                    d,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
            renderer.setSeriesShapesVisible(d, false);
        }
        plot.setRenderer(renderer);
        if (unitRange) {
            plot.getDomainAxis().setRange(0, 1);
            plot.getRangeAxis().setRange(0, 1.02);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(bytes, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw chart '" + title + "'", e);
        }
        return bytes.toByteArray();
    }
}
