package org.jgrad.app.weights;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A download's progress in MB: a live bar (me.tongfei.progressbar) on a terminal, plain lines at
 * every quarter when the output goes to a file or a pipe.
 */
final class DownloadProgress implements AutoCloseable {
    private final String task;
    private final long total;
    private final PrintStream plainOut;
    private final ProgressBar bar;
    private long done;
    private long nextPlainLine;

    private DownloadProgress(String task, long total, PrintStream plainOut, boolean terminal) {
        this.task = task;
        this.total = total;
        this.plainOut = plainOut;
        this.bar = terminal
                ? new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total)
                        .setUnit(" MB", 1_000_000)
                        .showSpeed()
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250)
                        .build()
                : null;
        this.nextPlainLine = Math.max(1, total / 4);
    }

    static DownloadProgress start(String task, long totalBytes, PrintStream out) {
        return new DownloadProgress(task, totalBytes, out, System.console() != null && out == System.out);
    }

    void step(long bytes) {
        done += bytes;
        if (bar != null) {
            bar.stepBy(bytes);
        } else if (done >= nextPlainLine && done < total) {
            plainOut.printf(Locale.ROOT, "%s %3d%% %.1f/%.1f MB%n", task, 100 * done / total, done / 1e6, total / 1e6);
            nextPlainLine += Math.max(1, total / 4);
        }
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
