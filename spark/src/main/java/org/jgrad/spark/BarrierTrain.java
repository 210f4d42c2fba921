package org.jgrad.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.jgrad.app.Main;
import org.jgrad.dist.Rendezvous;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Data-parallel {@code jgrad train} with Spark as the scheduler only (barrier execution mode: all
 * ranks start together and are retried together). Each barrier task is one rank: rank 0 picks a
 * port, the tasks swap rank 0's {@code host:port} once through {@code allGather}, and each task
 * starts its rank as a JVM running {@code jgrad train} with the JGRAD_* variables — the same
 * processes as {@code train --nproc}, talking over the dist module's TCP ring, never through
 * Spark. Rank 0 writes {@code runDir} (a checkpoint each epoch); a rank that fails fails the
 * stage, and when Spark retries it (all tasks together) the ranks resume from that checkpoint with
 * {@code jgrad train --resume}: the same weights, optimizer state and data order as if the run
 * had not stopped. {@code runDir} must be reachable from every executor.
 */
public final class BarrierTrain {
    private BarrierTrain() {}

    /** Trains with {@code ranks} barrier tasks; returns each rank's line "rank k: exit 0". */
    public static List<String> run(SparkSession spark, int ranks, List<String> trainOptions, String runDir) {
        if (ranks < 1) throw new IllegalArgumentException("ranks must be >= 1, got " + ranks);
        for (String option : trainOptions) {
            if (option.equals("--out") || option.equals("--nproc") || option.equals("--resume")) {
                throw new IllegalArgumentException(
                        option + " is set by BarrierTrain itself (or not supported); leave it out");
            }
        }
        var seeds = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(IntStream.range(0, ranks).boxed().toList(), ranks)
                .rdd();
        var results = seeds.barrier()
                .mapPartitions(
                        new Rank(List.copyOf(trainOptions), runDir), false, ClassTag$.MODULE$.apply(String.class));
        // Spark retries a failed barrier stage only when it is a shuffle-map stage (a result stage may have
        // committed output): the shuffle after it makes it one, so a failed attempt is retried, up to
        // spark.stage.maxConsecutiveAttempts times.
        return org.apache.spark.api.java.JavaRDD.fromRDD(results, ClassTag$.MODULE$.apply(String.class))
                .repartition(1)
                .collect();
    }

    /**
     * The options a resumed run takes: those that are not the run's settings (which it reads from its
     * folder, and {@code --resume} refuses to be given again), each with its value.
     */
    static List<String> optionsKeptOnResume(List<String> options) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (!KEPT_ON_RESUME.contains(name)) continue;
            kept.add(option);
            if (!option.contains("=") && i + 1 < options.size()) kept.add(options.get(++i));
        }
        return kept;
    }

    private static final List<String> KEPT_ON_RESUME = List.of("--epochs", "--threads", "--device", "--weights-dir");

    /** One barrier task: meet the others, run this rank's JVM, report its exit status. */
    private static final class Rank extends AbstractFunction1<Iterator<Integer>, Iterator<String>>
            implements Serializable {
        private final List<String> trainOptions;
        private final String runDir;

        Rank(List<String> trainOptions, String runDir) {
            this.trainOptions = trainOptions;
            this.runDir = runDir;
        }

        @Override
        public Iterator<String> apply(Iterator<Integer> ignored) {
            BarrierTaskContext context = BarrierTaskContext.get();
            int rank = context.partitionId(), world = context.getTaskInfos().length;
            String executor = context.getTaskInfos()[rank].address();
            String host = executor.contains(":") ? executor.substring(0, executor.lastIndexOf(':')) : executor;
            String master = context.allGather(rank == 0 ? host + ":" + freePort() : "")[0];
            // A retried stage continues the run its failed attempt began, from rank 0's last checkpoint (from
            // scratch if none was written yet). The first attempt never resumes: a folder holding a run is
            // refused, as by train. Both ranks look before either JVM starts, and rank 0 writes config.json
            // only after all have joined.
            boolean resume = context.stageAttemptNumber() > 0
                    && java.nio.file.Files.isRegularFile(Path.of(runDir, "config.json"));
            if (resume)
                System.out.println(
                        "[rank " + rank + "] stage attempt " + context.stageAttemptNumber() + ": resuming " + runDir);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules",
                    "jdk.incubator.vector",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "train"));
            command.addAll(resume ? optionsKeptOnResume(trainOptions) : trainOptions);
            command.addAll(List.of(resume ? "--resume" : "--out", runDir));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put(Rendezvous.RANK, Integer.toString(rank));
            env.put(Rendezvous.WORLD_SIZE, Integer.toString(world));
            env.put(Rendezvous.MASTER_ADDR, master.substring(0, master.lastIndexOf(':')));
            env.put(Rendezvous.MASTER_PORT, master.substring(master.lastIndexOf(':') + 1));
            int exit;
            try {
                Process process = builder.start();
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                        process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                    // The rank's console goes to the executor's log, each line marked with its rank.
                    for (String line; (line = lines.readLine()) != null; )
                        System.out.println("[rank " + rank + "] " + line);
                    exit = process.waitFor();
                } catch (InterruptedException e) {
                    process.destroyForcibly(); // the stage was cancelled: this rank ends with it
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("rank " + rank + ": interrupted", e);
                }
            } catch (IOException e) {
                throw new IllegalStateException("rank " + rank + ": could not start jgrad train: " + e.getMessage(), e);
            }
            if (exit != 0)
                throw new IllegalStateException("rank " + rank + ": jgrad train exited with status " + exit
                        + " (its output is in the executor's log)");
            return CollectionConverters.asScala(
                    List.of("rank " + rank + ": exit 0").iterator());
        }

        private static int freePort() {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port for rank 0: " + e.getMessage(), e);
            }
        }
    }
}
