package org.jgrad.app.train;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of one epoch in images, with images/s and ETA: a live bar (me.tongfei.progressbar)
 * on a terminal, and plain lines (about every tenth of the epoch) when the output goes to a file
 * or a pipe, where a redrawn bar would only be noise.
 */
public final class Progress implements AutoCloseable {
    private final String task;
    private final long total;
    private final PrintStream plainOut;
    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();
    private long done;
    private long nextPlainLine;

    private Progress(String task, long total, PrintStream plainOut, boolean terminal) {
        this.task = task;
        this.total = total;
        this.plainOut = plainOut;
        this.bar = terminal
                ? new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total)
                        .setUnit(" img", 1)
                        .showSpeed()
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(500)
                        .build()
                : null;
        this.nextPlainLine = Math.max(1, total / 10);
    }

    /** A bar on a terminal (stdin and stdout both attached to one), plain lines to {@code out} otherwise. */
    public static Progress start(String task, long totalImages, PrintStream out) {
        return new Progress(task, totalImages, out, System.console() != null && out == System.out);
    }

    /** {@code images} more are done; {@code message} (e.g. the running loss) is shown beside the bar. */
    public void step(long images, String message) {
        done += images;
        if (bar != null) {
            bar.stepBy(images);
            bar.setExtraMessage(" " + message);
        } else if (done >= nextPlainLine && done < total) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double rate = done / Math.max(seconds, 1e-9);
            long eta = Math.round((total - done) / Math.max(rate, 1e-9));
            plainOut.printf(
                    Locale.ROOT,
                    "%s %3d%% %d/%d img  %.1f img/s  ETA %d:%02d  %s%n",
                    task,
                    100 * done / total,
                    done,
                    total,
                    rate,
                    eta / 60,
                    eta % 60,
                    message);
            nextPlainLine = done + Math.max(1, total / 10);
        }
    }

    /** Images per second since the start. */
    public double imagesPerSecond() {
        return done / Math.max((System.nanoTime() - startNanos) / 1e9, 1e-9);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
