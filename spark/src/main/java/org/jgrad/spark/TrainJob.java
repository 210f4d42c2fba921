package org.jgrad.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code train} for spark-submit: data-parallel training as RANKS barrier tasks ({@link BarrierTrain});
 * rank 0 writes RUN_FOLDER, which every executor must reach, and a retried stage resumes from its
 * last checkpoint.
 *
 * <pre>
 * spark-submit --class org.jgrad.spark.TrainJob … jgrad-spark.jar RANKS RUN_FOLDER -- [jgrad train options]
 * </pre>
 */
public final class TrainJob {
    static final String USAGE = "usage: TrainJob RANKS RUN_FOLDER -- [jgrad train options]";

    private TrainJob() {}

    /** The command line, checked before Spark starts. */
    record Arguments(int ranks, String runDir, List<String> options) {
        static Arguments parse(String... args) {
            int dashes = Arrays.asList(args).indexOf("--");
            List<String> head = Arrays.asList(args).subList(0, dashes < 0 ? args.length : dashes);
            if (head.size() != 2)
                throw new IllegalArgumentException("TrainJob: expected RANKS RUN_FOLDER, got " + head);
            int ranks;
            try {
                ranks = Integer.parseInt(head.get(0).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("TrainJob: RANKS '" + head.get(0) + "' is not a whole number");
            }
            if (ranks < 1 || ranks > 1024)
                throw new IllegalArgumentException("TrainJob: RANKS must be 1..1024, got " + ranks);
            List<String> options =
                    dashes < 0 ? List.of() : List.copyOf(Arrays.asList(args).subList(dashes + 1, args.length));
            return new Arguments(ranks, head.get(1), options);
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments parsed;
        try {
            parsed = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try (SparkSession spark = SparkSession.builder().appName("jgrad train").getOrCreate()) {
            BarrierTrain.run(spark, parsed.ranks(), parsed.options(), parsed.runDir())
                    .forEach(System.out::println);
        }
    }
}
