package org.jgrad.vision.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jgrad.vision.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {
    @TempDir
    Path root;

    private void images(String folder, String... ids) {
        for (int i = 0; i < ids.length; i++) {
            TestFiles.jpeg(root.resolve(folder).resolve(ids[i] + ".jpg"), 12, 9, i);
        }
    }

    private static final String HEADER_2019 = "image,MEL,NV,BCC,AK,BKL,DF,VASC,SCC,UNK";

    private void isic2019() {
        images("ISIC_2019_Training_Input", "ISIC_0000000", "ISIC_0000001", "ISIC_0000002_downsampled", "ISIC_0000003");
        TestFiles.lines(
                root.resolve("ISIC_2019_Training_GroundTruth.csv"),
                HEADER_2019,
                "ISIC_0000000,0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0",
                "ISIC_0000001,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0",
                "ISIC_0000002_downsampled,0,0,1,0,0,0,0,0,0",
                "ISIC_0000003,0.0,0.0,0.0,0.0,0.0,0.0,0.0,1.0,0.0");
    }

    @Test
    void readsIsic2019WithMelAsMalignantByDefault() {
        isic2019();
        Dataset dataset = DatasetReader.read(root);
        assertEquals(DatasetFormat.ISIC_2019, dataset.format());
        assertEquals(
                List.of(0, 1, 0, 0),
                dataset.samples().stream().map(Sample::label).toList());
        Sample downsampled = dataset.samples().get(2);
        assertEquals("ISIC_0000002_downsampled", downsampled.id());
        assertTrue(downsampled.image().toString().endsWith("ISIC_0000002_downsampled.jpg"));
        assertEquals("BCC", downsampled.metadata().get("diagnosis"));
        assertEquals("none (per image)", dataset.grouping());
    }

    @Test
    void malignantColumnsAreConfigurable() {
        isic2019();
        Dataset dataset =
                DatasetReader.read(root, ReadOptions.defaults().withMalignantColumns(ReadOptions.ALL_MALIGNANT_2019));
        assertEquals(
                List.of(0, 1, 1, 1),
                dataset.samples().stream().map(Sample::label).toList());
    }

    @Test
    void isic2019MetadataGroupsByLesion() {
        isic2019();
        TestFiles.lines(
                root.resolve("ISIC_2019_Training_Metadata.csv"),
                "image,age_approx,anatom_site_general,lesion_id,sex",
                "ISIC_0000000,55,anterior torso,BCN_0001,male",
                "ISIC_0000001,30,,BCN_0001,female",
                "ISIC_0000002_downsampled,,,,",
                "ISIC_0000003,70,head/neck,BCN_0002,male");
        Dataset dataset = DatasetReader.read(root);
        assertEquals("BCN_0001", dataset.samples().get(0).group());
        assertEquals("BCN_0001", dataset.samples().get(1).group());
        assertNull(dataset.samples().get(2).group());
        assertTrue(dataset.grouping().startsWith("lesion_id"), dataset.grouping());
    }

    @Test
    void readsIsic2020WithPatientGroups() {
        images("train", "ISIC_2637011", "ISIC_0015719");
        TestFiles.lines(
                root.resolve("train.csv"),
                "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target",
                "ISIC_2637011,IP_7279968,male,45.0,head/neck,unknown,benign,0",
                "ISIC_0015719,IP_3075186,female,45.0,upper extremity,melanoma,malignant,1");
        Dataset dataset = DatasetReader.read(root);
        assertEquals(DatasetFormat.ISIC_2020, dataset.format());
        assertEquals(
                List.of(0, 1), dataset.samples().stream().map(Sample::label).toList());
        assertEquals("IP_3075186", dataset.samples().get(1).group());
        assertEquals("patient_id", dataset.grouping());
    }

    @Test
    void readsIsic2017AndIgnoresSuperpixels() throws Exception {
        images("ISIC-2017_Training_Data", "ISIC_0000000", "ISIC_0000001");
        TestFiles.png(
                root.resolve("ISIC-2017_Training_Data/ISIC_0000000_superpixels.png"), TestFiles.gradient(4, 4, 0));
        TestFiles.lines(
                root.resolve("ISIC-2017_Training_Part3_GroundTruth.csv"),
                "image_id,melanoma,seborrheic_keratosis",
                "ISIC_0000000,0.0,0.0",
                "ISIC_0000001,1.0,0.0");
        Dataset dataset = DatasetReader.read(root);
        assertEquals(DatasetFormat.ISIC_2017, dataset.format());
        assertEquals(
                List.of(0, 1), dataset.samples().stream().map(Sample::label).toList());
        assertTrue(dataset.samples().get(0).image().toString().endsWith("ISIC_0000000.jpg"));
    }

    @Test
    void readsBenignMalignantFolders() {
        images("benign", "a", "b");
        images("malignant", "c");
        Dataset dataset = DatasetReader.read(root);
        assertEquals(DatasetFormat.FOLDERS, dataset.format());
        assertEquals(
                List.of(0, 0, 1), dataset.samples().stream().map(Sample::label).toList());
    }

    @Test
    void readsNestedDiagnosisFoldersWithLabelMap() {
        images("train/nevus", "n1");
        images("train/melanoma", "m1");
        images("valid/seborrheic_keratosis", "s1");
        images("test/melanoma", "m2");
        Dataset dataset = DatasetReader.read(root);
        assertEquals(4, dataset.samples().size());
        assertEquals(2, dataset.malignantCount());
        Dataset keratosisMalignant = DatasetReader.read(
                root,
                ReadOptions.defaults().withFolderLabels(Map.of("nevus", 0, "melanoma", 1, "seborrheic_keratosis", 1)));
        assertEquals(3, keratosisMalignant.malignantCount());
        assertEquals(
                "valid",
                keratosisMalignant.samples().stream()
                        .filter(s -> s.id().equals("s1"))
                        .findFirst()
                        .orElseThrow()
                        .metadata()
                        .get("folder_split"));
    }

    @Test
    void formatCanBeForced() {
        isic2019();
        images("benign", "x");
        images("malignant", "y");
        assertEquals(
                DatasetFormat.FOLDERS,
                DatasetReader.read(root, ReadOptions.defaults().withFormat(DatasetFormat.FOLDERS))
                        .format());
        assertEquals(DatasetFormat.ISIC_2019, DatasetReader.read(root).format());
    }

    // ---- bad input: each error names the file and the line ----

    private BadInputException badRead(ReadOptions options) {
        return assertThrows(BadInputException.class, () -> DatasetReader.read(root, options));
    }

    @Test
    void missingImageNamesCsvAndLine() {
        isic2019();
        TestFiles.lines(
                root.resolve("ISIC_2019_Training_GroundTruth.csv"),
                HEADER_2019,
                "ISIC_0000000,0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0",
                "ISIC_9999999,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0");
        BadInputException e = badRead(ReadOptions.defaults());
        assertTrue(e.getMessage().contains("ISIC_2019_Training_GroundTruth.csv, line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("ISIC_9999999"), e.getMessage());
    }

    @Test
    void wrongFieldCountNamesCsvAndLine() {
        isic2019();
        TestFiles.lines(
                root.resolve("ISIC_2019_Training_GroundTruth.csv"),
                HEADER_2019,
                "ISIC_0000000,0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0",
                "ISIC_0000001,0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0");
        BadInputException e = badRead(ReadOptions.defaults());
        assertTrue(e.getMessage().contains("ISIC_2019_Training_GroundTruth.csv, line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 10 fields"), e.getMessage());
    }

    @Test
    void valueThatIsNotZeroOrOneNamesCsvLineAndColumn() {
        isic2019();
        TestFiles.lines(
                root.resolve("ISIC_2019_Training_GroundTruth.csv"),
                HEADER_2019,
                "ISIC_0000000,0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0",
                "ISIC_0000001,0.5,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0",
                "ISIC_0000003,yes,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0");
        BadInputException e = badRead(ReadOptions.defaults());
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("MEL"), e.getMessage());
        assertTrue(e.getMessage().contains("ISIC_2019_Training_GroundTruth.csv"), e.getMessage());
    }

    @Test
    void skipBadSkipsCountsAndListsBadRows() {
        isic2019();
        TestFiles.lines(
                root.resolve("ISIC_2019_Training_GroundTruth.csv"),
                HEADER_2019,
                "ISIC_0000000,0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0",
                "ISIC_0000001,0.5,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0",
                "ISIC_0000003,0.0,1.0,0.0,0.0,0.0,0.0,0.0",
                "ISIC_0000404,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0");
        Dataset dataset = DatasetReader.read(root, ReadOptions.defaults().withSkipBad(true));
        assertEquals(1, dataset.samples().size());
        assertEquals(3, dataset.skipped().size());
        assertEquals(
                List.of(3L, 4L, 5L),
                dataset.skipped().stream().map(BadItem::line).sorted().toList());
    }

    @Test
    void emptyDatasetNamesTheFile() {
        TestFiles.lines(root.resolve("ISIC_2019_Training_GroundTruth.csv"), HEADER_2019);
        BadInputException e = badRead(ReadOptions.defaults());
        assertTrue(
                e.getMessage().contains("ISIC_2019_Training_GroundTruth.csv, line 1")
                        && e.getMessage().contains("empty"),
                e.getMessage());
    }

    @Test
    void emptyFoldersAndUnknownFoldersAreErrors() throws Exception {
        Files.createDirectories(root.resolve("benign"));
        Files.createDirectories(root.resolve("malignant"));
        BadInputException e = badRead(ReadOptions.defaults());
        assertTrue(e.getMessage().contains(root.toString()) && e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void readingNeverWritesIntoTheDataFolder() throws Exception {
        isic2019();
        long before;
        try (var files = Files.walk(root)) {
            before = files.count();
        }
        DatasetReader.read(root);
        try (var files = Files.walk(root)) {
            assertEquals(before, files.count());
        }
    }
}
