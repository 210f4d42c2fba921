package org.jgrad.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jgrad command line. Each subcommand is its own class; this one only lists them.
 * Errors meant for the user (bad files, bad arguments) print one line and exit non-zero (1);
 * running out of Java heap prints one line of advice and exits with 3.
 */
@Command(
        name = "jgrad",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A pure-Java deep-learning engine and the skin-lesion classifier built on it.",
        subcommands = {
            ToyCommand.class,
            TrainCommand.class,
            CvCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            InfoCommand.class,
            BenchCommand.class,
            ShellCommand.class,
            SynthCommand.class,
            SplitCommand.class,
            ShowCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof OutOfMemoryError) { // e.g. in a loader thread, wrapped by its future
                    cmd.getErr()
                            .println(outOfMemoryMessage(
                                    c.getMessage(), Runtime.getRuntime().maxMemory()));
                    return 3;
                }
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            cmd.getErr().println("error: " + oneShortLine(message));
            if (System.getenv("JGRAD_DEBUG") != null) e.printStackTrace(cmd.getErr());
            return 1;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // What is left of the heap is garbage once the command has unwound: enough to say what happened.
            System.err.println(
                    outOfMemoryMessage(e.getMessage(), Runtime.getRuntime().maxMemory()));
            return 3;
        }
    }

    /** The most characters an error line shows: a message quoting a huge CSV field or file name stays readable. */
    static final int MAX_ERROR_CHARS = 500;

    /** The first line of {@code message}, cut to {@link #MAX_ERROR_CHARS} characters. */
    static String oneShortLine(String message) {
        String head = message.length() > 4 * MAX_ERROR_CHARS ? message.substring(0, 4 * MAX_ERROR_CHARS) : message;
        String line = head.lines().findFirst().orElse("");
        return line.length() <= MAX_ERROR_CHARS
                ? line
                : line.substring(0, MAX_ERROR_CHARS - 30) + " ... (" + message.length() + " characters)";
    }

    /** The one-line advice when the JVM runs out of memory (exit code 3); {@code what} is the error's own message. */
    static String outOfMemoryMessage(String what, long maxHeapBytes) {
        String kind = what == null || what.isBlank() ? "out of memory" : "out of memory (" + what + ")";
        return "error: " + kind + "; the Java heap is limited to " + (maxHeapBytes >> 20)
                + " MiB. Work on less at once "
                + "(train/evaluate: --batch-size, --image-size; bench: --batch) or give Java more memory "
                + "(./jgrad: JGRAD_JAVA_OPTS=-Xmx8g; java -Xmx8g -jar jgrad.jar). An interrupted training run continues with --resume.";
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "jgrad " + (v == null ? "0.1.0-SNAPSHOT" : v),
                "JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
            };
        }
    }
}
