package org.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jgrad.app.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark in local[2] (driver on 127.0.0.1, no UI) scores a tiny trained run's images: the
 * probabilities are those {@code jgrad predict} prints for the same files, and a corrupt or
 * missing image gets an error row instead of failing the job.
 */
class ImageScoringTest {
    static Path temp;
    static Path run;
    static List<String> images;
    static SparkSession spark;

    @BeforeAll
    static void trainTinyRunAndStartSpark() throws Exception {
        temp = Files.createTempDirectory("jgrad-spark-test");
        run = temp.resolve("run");
        int exit = quietly(() -> Main.run(
                "train",
                "--synth-count",
                "40",
                "--image-size",
                "32",
                "--epochs",
                "1",
                "--batch-size",
                "8",
                "--seed",
                "3",
                "--threads",
                "1",
                "--cache-dir",
                temp.resolve("cache").toString(),
                "--out",
                run.toString()));
        assertEquals(0, exit, "the tiny training run");
        try (Stream<Path> files = Files.list(temp.resolve("cache/synthetic/n40-s2017/images"))) {
            images = files.map(Path::toString).sorted().limit(9).toList();
        }
        spark = LocalSpark.builder("local[2]", "jgrad-test")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) spark.stop();
    }

    interface Call {
        int run() throws Exception;
    }

    static int quietly(Call call) throws Exception {
        PrintStream out = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
        try {
            return call.run();
        } finally {
            System.setOut(out);
        }
    }

    /** predict's probabilities, parsed from its lines "FILE: 83.21% malignant" / "FILE: 91.02% benign". */
    static Map<String, Double> predicted(List<String> files) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            List<String> args = new ArrayList<>(
                    List.of("predict", "--checkpoint", run.toString(), "--threshold", "0.5", "--threads", "1"));
            args.addAll(files);
            assertEquals(0, Main.run(args.toArray(String[]::new)));
        } finally {
            System.setOut(out);
        }
        Map<String, Double> p = new HashMap<>();
        for (String line : captured.toString().lines().toList()) {
            int colon = line.lastIndexOf(": ");
            if (colon < 0 || !line.endsWith("malignant") && !line.endsWith("benign")) continue;
            String[] value = line.substring(colon + 2).split("% ");
            double percent = Double.parseDouble(value[0]) / 100;
            p.put(line.substring(0, colon), value[1].equals("malignant") ? percent : 1 - percent);
        }
        return p;
    }

    @Test
    void probabilitiesAreThoseOfPredictAndBadImagesGetAnErrorRow() throws Exception {
        Path corrupt = temp.resolve("corrupt.jpg");
        Files.writeString(corrupt, "not a JPEG");
        List<String> paths = new ArrayList<>(images);
        paths.add(corrupt.toString());
        paths.add(temp.resolve("missing.jpg").toString());
        Dataset<Row> input =
                spark.createDataset(paths, Encoders.STRING()).toDF("path").repartition(2);
        List<Row> rows = ImageScoring.score(input, "path", run.toString(), 4).collectAsList();

        assertEquals(paths.size(), rows.size());
        assertEquals(1, ModelCache.size(), "both partitions (tasks of one executor JVM) share one loaded model");
        Map<String, Double> expected = predicted(images);
        assertEquals(images.size(), expected.size());
        for (Row row : rows) {
            String path = row.getString(0);
            if (images.contains(path)) {
                assertNull(row.get(2), path);
                // predict prints 2 decimals of a percentage: within 0.005 % = 5e-5
                assertEquals(expected.get(path), row.getDouble(1), 6e-5, path);
            } else {
                assertTrue(row.isNullAt(1), path);
                assertNotNull(row.getString(2), path);
                assertTrue(
                        row.getString(2).contains(path.endsWith("missing.jpg") ? "no such image file" : "corrupt.jpg"),
                        row.getString(2));
            }
        }
    }

    @Test
    void binaryFileRowsAreDecodedFromTheirBytesAndCorruptOnesGetAnErrorRow() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("archive"));
        for (String image : images)
            Files.copy(Path.of(image), folder.resolve(Path.of(image).getFileName()));
        Files.writeString(folder.resolve("corrupt.png"), "not a PNG");
        byte[] whole = Files.readAllBytes(Path.of(images.get(0)));
        Files.write(folder.resolve("truncated.png"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Dataset<Row> files =
                spark.read().format("binaryFile").load(folder.toString()).cache();
        assertEquals(images.size() + 2, files.count());
        // The bytes are in Spark's cache now; with the files gone, scoring can only decode those bytes.
        try (Stream<Path> copies = Files.list(folder)) {
            for (Path copy : copies.toList()) Files.delete(copy);
        }
        List<Row> rows = ImageScoring.scoreBinaryFiles(files.repartition(2), run.toString(), 4)
                .collectAsList();

        assertEquals(images.size() + 2, rows.size());
        Map<String, Double> expected = new HashMap<>();
        predicted(images)
                .forEach((path, p) -> expected.put(Path.of(path).getFileName().toString(), p));
        for (Row row : rows) {
            String name = row.getString(0).substring(row.getString(0).lastIndexOf('/') + 1);
            if (expected.containsKey(name)) {
                assertNull(row.get(2), name);
                assertEquals(expected.get(name), row.getDouble(1), 6e-5, name);
            } else {
                assertTrue(row.isNullAt(1), name);
                assertTrue(row.getString(2).contains(name), row.getString(2));
            }
        }
        files.unpersist();
    }

    /** The CSV a ScoreJob wrote: path → (probability or null, error or null). */
    static Map<String, String[]> csvRows(Path out) {
        Map<String, String[]> rows = new HashMap<>();
        for (Row row : spark.read().option("header", "true").csv(out.toString()).collectAsList())
            rows.put(row.getString(0), new String[] {row.getString(1), row.getString(2)});
        return rows;
    }

    @Test
    void scoreJobScoresAGlobOfImagesReadAsBinaryFiles() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("job-archive"));
        for (String image : images)
            Files.copy(Path.of(image), folder.resolve(Path.of(image).getFileName()));
        Files.writeString(folder.resolve("corrupt.jpg"), "not a JPEG");
        Files.writeString(folder.resolve("notes.txt"), "not an image, and not matched by the glob");
        Path out = temp.resolve("job-binary-out");

        ScoreJob.run(spark, "--input-format", "binaryFile", run.toString(), folder + "/*.jpg", out.toString(), "4");

        Map<String, String[]> rows = csvRows(out);
        assertEquals(images.size() + 1, rows.size(), "the images and corrupt.jpg, not notes.txt: " + rows.keySet());
        Map<String, Double> expected = predicted(images);
        for (var row : rows.entrySet()) {
            String name = row.getKey().substring(row.getKey().lastIndexOf('/') + 1);
            assertTrue(row.getKey().startsWith("file:"), "Spark's URI: " + row.getKey());
            if (name.equals("corrupt.jpg")) {
                assertNull(row.getValue()[0]);
                assertTrue(row.getValue()[1].contains("corrupt.jpg"), row.getValue()[1]);
            } else {
                String original = images.stream()
                        .filter(i -> i.endsWith("/" + name))
                        .findFirst()
                        .orElseThrow();
                assertNull(row.getValue()[1], name);
                assertEquals(expected.get(original), Double.parseDouble(row.getValue()[0]), 6e-5, name);
            }
        }
    }

    @Test
    void scoreJobScoresATextFileOfPaths() throws Exception {
        Path list = temp.resolve("paths.txt");
        Files.write(list, images);
        Path out = temp.resolve("job-text-out");

        ScoreJob.run(spark, run.toString(), list.toString(), out.toString());

        Map<String, String[]> rows = csvRows(out);
        Map<String, Double> expected = predicted(images);
        assertEquals(images.size(), rows.size());
        for (String image : images) {
            assertNull(rows.get(image)[1], image);
            assertEquals(expected.get(image), Double.parseDouble(rows.get(image)[0]), 6e-5, image);
        }
    }

    @Test
    void scoreJobNamesAnUnknownInputFormat() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ScoreJob.run(spark, "--input-format", "parquet", run.toString(), "in", "out"));
        assertTrue(e.getMessage().contains("--input-format") && e.getMessage().contains("parquet"), e.getMessage());
    }

    @Test
    void aDataFrameThatIsNotBinaryFileIsRefusedNamingItsColumns() {
        Dataset<Row> input =
                spark.createDataset(List.of("x"), Encoders.STRING()).toDF("path");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ImageScoring.scoreBinaryFiles(input, run.toString(), 4));
        assertTrue(e.getMessage().contains("'content'") && e.getMessage().endsWith("path"), e.getMessage());
    }

    @Test
    void aMissingColumnIsNamed() {
        Dataset<Row> input =
                spark.createDataset(List.of("x"), Encoders.STRING()).toDF("file");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ImageScoring.score(input, "path", run.toString(), 4));
        assertTrue(e.getMessage().contains("'path'") && e.getMessage().contains("file"), e.getMessage());
    }
}
