package org.jgrad.vision.reliability;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jgrad.vision.TestFiles;
import org.jgrad.vision.data.BadInputException;
import org.jgrad.vision.data.CsvTable;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.data.ReadOptions;
import org.jgrad.vision.split.SplitFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile data folders, generated here: a FIFO named like a CSV, huge CSVs, linked folders,
 * repeated image ids, a Latin-1 label file, split CSVs pointing outside the folder, a field of
 * hundreds of kilobytes. Reading either works (where working is right) or stops with one short
 * message naming the file; nothing hangs or fills the heap.
 */
class HostileDataFolderTest {
    static final String HEADER_2019 = "image,MEL,NV,BCC,AK,BKL,DF,VASC,SCC,UNK";

    @TempDir
    Path dir;

    /** An ISIC 2019 folder with {@code n} images, the first half benign. */
    private Path isic2019(Path root, int n) {
        String[] rows = new String[n + 1];
        rows[0] = HEADER_2019;
        for (int i = 0; i < n; i++) {
            String id = String.format("ISIC_%07d", i);
            TestFiles.jpeg(root.resolve("images").resolve(id + ".jpg"), 8, 8, i);
            rows[i + 1] = id + (i < n / 2 ? ",0.0,1.0" : ",1.0,0.0") + ",0.0,0.0,0.0,0.0,0.0,0.0,0.0";
        }
        TestFiles.lines(root.resolve("ISIC_2019_Training_GroundTruth.csv"), rows);
        return root;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void aFifoNamedLikeACsvIsNeverOpened() throws Exception {
        assumeTrue(posix(), "FIFOs need a POSIX file system");
        Path root = isic2019(dir.resolve("data"), 4);
        Path fifo = Files.createDirectories(root.resolve("notes")).resolve("notes.csv");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo), "mkfifo failed");
        Files.createSymbolicLink(
                root.resolve("images").resolve("ISIC_9999999.jpg"), fifo); // a FIFO behind an image name too
        Dataset dataset = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> DatasetReader.read(root));
        assertEquals(4, dataset.samples().size());
    }

    @Test
    void aHugeCsvWithoutNewlinesIsSkippedInDetectionAndRefusedWhenRead() throws IOException {
        assumeTrue(posix(), "sparse files (POSIX file systems) keep this file from taking 256 MB of disk");
        Path root = isic2019(dir.resolve("data"), 4);
        Path huge = root.resolve("dump.csv");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(CsvTable.MAX_FILE_BYTES + 1); // sparse: no newline in 256 MB
        }
        assertEquals(4, DatasetReader.read(root).samples().size(), "the dump is not a label file");
        BadInputException e = assertThrows(
                BadInputException.class, () -> CsvTable.read(huge, new org.jgrad.vision.data.BadItemLog(false)));
        assertTrue(
                e.getMessage().startsWith(huge.toString()) && e.getMessage().contains("larger than the 256 MB"),
                e.getMessage());
    }

    @Test
    void anOverlongLineIsRefusedNamingFileAndLine() throws IOException {
        Path root = isic2019(dir.resolve("data"), 4);
        Path labels = root.resolve("ISIC_2019_Training_GroundTruth.csv");
        Files.writeString(
                labels,
                "\nISIC_0000005," + "1".repeat(CsvTable.MAX_LINE_CHARS + 10) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        BadInputException e = assertThrows(BadInputException.class, () -> DatasetReader.read(root));
        assertTrue(
                e.getMessage().startsWith(labels.toString()) && e.getMessage().contains("line longer than"),
                e.getMessage());
        assertTrue(e.getMessage().length() < 400, "short: " + e.getMessage().length());
    }

    @Test
    void aLongFieldGivesAShortMessage() throws IOException {
        Path root = isic2019(dir.resolve("data"), 4);
        Path labels = root.resolve("ISIC_2019_Training_GroundTruth.csv");
        Files.writeString(
                labels,
                "ISIC_0000001," + "7".repeat(500_000) + ",0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0\n",
                java.nio.file.StandardOpenOption.APPEND);
        BadInputException e = assertThrows(BadInputException.class, () -> DatasetReader.read(root));
        assertTrue(
                e.getMessage().contains("MEL") && e.getMessage().length() < 500,
                e.getMessage().length() + " characters");
    }

    @Test
    void aLinkedDataFolderAndALinkedImagesFolderAreFollowed() throws IOException {
        Path real = isic2019(dir.resolve("real"), 4);
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("linked"), real);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here");
            return;
        }
        assertEquals(4, DatasetReader.read(link).samples().size(), "linked data folder");

        Path other = Files.createDirectories(dir.resolve("other"));
        Files.copy(
                real.resolve("ISIC_2019_Training_GroundTruth.csv"),
                other.resolve("ISIC_2019_Training_GroundTruth.csv"));
        Files.createSymbolicLink(other.resolve("images"), real.resolve("images"));
        Files.createSymbolicLink(other.resolve("loop"), other); // a link loop must not hang or fail the walk
        assertEquals(4, DatasetReader.read(other).samples().size(), "linked images folder");
    }

    @Test
    void aRepeatedImageIdIsReportedOrSkipped() throws IOException {
        Path root = isic2019(dir.resolve("data"), 4);
        Path labels = root.resolve("ISIC_2019_Training_GroundTruth.csv");
        Files.writeString(
                labels, "ISIC_0000000,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0\n", java.nio.file.StandardOpenOption.APPEND);
        BadInputException e = assertThrows(BadInputException.class, () -> DatasetReader.read(root));
        assertTrue(
                e.getMessage().contains("'ISIC_0000000' appears twice")
                        && e.getMessage().contains("other label")
                        && e.getMessage().contains("line 6"),
                e.getMessage());
        Dataset skipped = DatasetReader.read(root, ReadOptions.defaults().withSkipBad(true));
        assertEquals(4, skipped.samples().size());
        assertEquals(1, skipped.skipped().size());
    }

    @Test
    void oneFileNameInTwoClassFoldersIsTwoImagesWithIdsOfTheirOwn() {
        // Folder layouts often number each folder's files from 1: the same name is a different image, not a repeat.
        Path root = dir.resolve("folders");
        TestFiles.jpeg(root.resolve("benign").resolve("1.jpg"), 8, 8, 1);
        TestFiles.jpeg(root.resolve("benign").resolve("2.jpg"), 8, 8, 2);
        TestFiles.jpeg(root.resolve("malignant").resolve("1.jpg"), 8, 8, 3);
        Dataset dataset = DatasetReader.read(root);
        assertEquals(
                List.of("1", "2", "malignant/1"),
                dataset.samples().stream().map(s -> s.id()).toList());
        assertEquals(1, dataset.samples().get(2).label());
    }

    @Test
    void aLatin1LabelFileIsNamedAsSuch() throws IOException {
        Path root = isic2019(dir.resolve("data"), 4);
        Path labels = root.resolve("ISIC_2019_Training_GroundTruth.csv");
        byte[] latin1 = "ISIC_000000\u00e9,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(labels, latin1, java.nio.file.StandardOpenOption.APPEND);
        BadInputException e = assertThrows(BadInputException.class, () -> DatasetReader.read(root));
        assertTrue(
                e.getMessage().startsWith(labels.toString()) && e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void aSplitCsvCannotPointOutsideTheDataFolder() throws IOException {
        Path outside = TestFiles.jpeg(dir.resolve("private.jpg"), 8, 8, 1);
        Path data = Files.createDirectories(dir.resolve("split-data"));
        TestFiles.jpeg(data.resolve("inside.jpg"), 8, 8, 2);
        for (String path : List.of("../private.jpg", outside.toString())) {
            Path csv = TestFiles.lines(
                    data.resolve("test.csv"),
                    "image_id,path,label,group,origin",
                    "inside,inside.jpg,0,,x",
                    "private," + path + ",1,,x");
            BadInputException e = assertThrows(BadInputException.class, () -> SplitFiles.readInside(csv, data));
            assertTrue(
                    e.getMessage().startsWith(csv + ", line 3")
                            && e.getMessage().contains("outside the data folder"),
                    e.getMessage());
        }
        Path csv =
                TestFiles.lines(data.resolve("test.csv"), "image_id,path,label,group,origin", "inside,inside.jpg,0,,x");
        assertEquals(
                data.resolve("inside.jpg").toAbsolutePath(),
                SplitFiles.readInside(csv, data).get(0).image());
    }
}
