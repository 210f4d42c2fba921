package org.jgrad.vision.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrad.vision.TestFiles;
import org.jgrad.vision.split.DatasetSplitter;
import org.jgrad.vision.split.SplitName;
import org.jgrad.vision.split.SplitOptions;
import org.jgrad.vision.split.SplitResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each public dermoscopy download, laid out as published (same file, folder and column names,
 * companion files included), with a few tiny images: read as published, no leakage, no relabelling.
 */
class DownloadLayoutsTest {
    @TempDir
    Path root;

    @TempDir
    Path out;

    private int tint;

    /** Writes tiny JPEGs {@code folder/<id>.jpg}. */
    private void images(String folder, List<String> ids) {
        for (String id : ids) {
            TestFiles.jpeg(root.resolve(folder).resolve(id + ".jpg"), 12, 9, tint++);
        }
    }

    private static List<String> ids(int from, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            ids.add(String.format("ISIC_%07d", i));
        }
        return ids;
    }

    private static Set<String> idsOf(List<Sample> samples) {
        return samples.stream().map(Sample::id).collect(Collectors.toSet());
    }

    private String notes(Dataset dataset) {
        return String.join("\n", dataset.notes());
    }

    // ---- ISIC 2017 challenge: Training / Validation / Test_v2 kept ----

    /** Rows "id,melanoma,seborrheic_keratosis": every third image melanoma, every fifth keratosis. */
    private void isic2017Part(String dataFolder, String groundTruth, List<String> ids) throws Exception {
        images(dataFolder, ids);
        TestFiles.png(root.resolve(dataFolder).resolve(ids.get(0) + "_superpixels.png"), TestFiles.gradient(4, 4, 0));
        List<String> metadata = new ArrayList<>(List.of("image_id,age_approximate,sex"));
        List<String> rows = new ArrayList<>(List.of("image_id,melanoma,seborrheic_keratosis"));
        for (int i = 0; i < ids.size(); i++) {
            rows.add(
                    ids.get(i) + "," + (i % 3 == 0 ? "1.0" : "0.0") + "," + (i % 3 != 0 && i % 5 == 0 ? "1.0" : "0.0"));
            metadata.add(ids.get(i) + ",55,female");
        }
        TestFiles.lines(root.resolve(groundTruth), rows.toArray(String[]::new));
        TestFiles.lines(
                root.resolve(dataFolder).resolve(dataFolder + "_metadata.csv"), metadata.toArray(String[]::new));
    }

    private void isic2017Challenge() throws Exception {
        isic2017Part("ISIC-2017_Training_Data", "ISIC-2017_Training_Part3_GroundTruth.csv", ids(0, 12));
        isic2017Part("ISIC-2017_Validation_Data", "ISIC-2017_Validation_Part3_GroundTruth.csv", ids(100, 4));
        isic2017Part("ISIC-2017_Test_v2_Data", "ISIC-2017_Test_v2_Part3_GroundTruth.csv", ids(200, 6));
    }

    @Test
    void isic2017KeepsTheOfficialDivision() throws Exception {
        isic2017Challenge();
        Dataset dataset = DatasetReader.read(root);
        assertEquals(DatasetFormat.ISIC_2017, dataset.format());
        assertEquals(22, dataset.samples().size());
        assertTrue(
                dataset.labelRule().startsWith("malignant = melanoma; benign = everything else"), dataset.labelRule());
        assertTrue(notes(dataset).contains("may cross splits"), notes(dataset));
        SplitResult split = DatasetSplitter.divide(dataset, out, SplitOptions.defaults(), false);
        assertEquals(Set.copyOf(ids(0, 12)), idsOf(split.splits().get(SplitName.TRAIN)));
        assertEquals(Set.copyOf(ids(100, 4)), idsOf(split.splits().get(SplitName.VALIDATION)));
        assertEquals(Set.copyOf(ids(200, 6)), idsOf(split.splits().get(SplitName.TEST)));
        assertTrue(split.division().startsWith("official"), split.division());
        assertTrue(split.division().contains("test = ISIC-2017_Test_v2_Part3_GroundTruth.csv"), split.division());
        assertTrue(split.table().contains("division: official"), split.table());
    }

    @Test
    void malignantColumnsGivenForIsic2017AreNotedAsIgnored() throws Exception {
        isic2017Challenge();
        Dataset dataset = DatasetReader.read(root, ReadOptions.defaults().withMalignantColumns(List.of("MEL", "BCC")));
        assertTrue(notes(dataset).contains("--malignant MEL,BCC ignored"), notes(dataset));
        assertEquals(DatasetReader.read(root).malignantCount(), dataset.malignantCount());
    }

    @Test
    void resplitComputesANewSplitAndSaysSo() throws Exception {
        isic2017Challenge();
        Dataset dataset = DatasetReader.read(root);
        SplitResult split = DatasetSplitter.divide(dataset, out, SplitOptions.defaults(), true);
        assertTrue(split.division().contains("--resplit"), split.division());
        assertNotEquals(Set.copyOf(ids(200, 6)), idsOf(split.splits().get(SplitName.TEST)));
        assertEquals(22, split.splits().values().stream().mapToInt(List::size).sum());
    }

    @Test
    void anIncompleteOfficialDivisionIsComputedAndSaysWhy() throws Exception {
        isic2017Part("ISIC-2017_Training_Data", "ISIC-2017_Training_Part3_GroundTruth.csv", ids(0, 30));
        SplitResult split = DatasetSplitter.divide(DatasetReader.read(root), out, SplitOptions.defaults(), false);
        assertTrue(
                split.division().contains("incomplete") && split.division().contains("no test part"), split.division());
        assertFalse(split.splits().get(SplitName.TEST).isEmpty());
    }

    // ---- SIIM-ISIC 2020 on Kaggle ----

    private static final String HEADER_2020 =
            "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target";

    @Test
    void kaggle2020ReadsTrainOnlyAndIgnoresTheTestSetAndTheSubmissionTemplate() {
        images("jpeg/train", List.of("ISIC_2637011", "ISIC_0015719", "ISIC_0052212"));
        images("jpeg/test", List.of("ISIC_0052060", "ISIC_0052349"));
        TestFiles.lines(
                root.resolve("train.csv"),
                HEADER_2020,
                "ISIC_2637011,IP_7279968,male,45.0,head/neck,unknown,benign,0",
                "ISIC_0015719,IP_3075186,female,45.0,upper extremity,melanoma,malignant,1",
                "ISIC_0052212,IP_2842074,female,50.0,lower extremity,nevus,benign,0");
        TestFiles.lines(
                root.resolve("test.csv"),
                "image_name,patient_id,sex,age_approx,anatom_site_general_challenge",
                "ISIC_0052060,IP_3579794,male,70.0,",
                "ISIC_0052349,IP_7782715,male,40.0,lower extremity");
        TestFiles.lines(root.resolve("sample_submission.csv"), "image_name,target", "ISIC_0052060,0", "ISIC_0052349,0");
        Dataset dataset = DatasetReader.read(root);
        assertEquals(DatasetFormat.ISIC_2020, dataset.format());
        assertEquals(Set.of("ISIC_2637011", "ISIC_0015719", "ISIC_0052212"), idsOf(dataset.samples()));
        assertEquals(List.of(root.resolve("train.csv")), dataset.labelFiles());
        assertTrue(notes(dataset).contains("sample_submission.csv ignored"), notes(dataset));
        assertTrue(notes(dataset).contains("test.csv ignored"), notes(dataset));
        assertEquals("patient_id", dataset.grouping());
    }

    // ---- ISIC 2020 from the ISIC site: two ground truths and a duplicates list ----

    @Test
    void isic2020SiteReadsTheV2GroundTruthOnceAndDropsListedDuplicates() {
        images(
                "ISIC_2020_Training_JPEG/train",
                List.of("ISIC_0000001", "ISIC_0000002", "ISIC_0000003", "ISIC_0000004"));
        String[] rows = {
            "ISIC_0000001,IP_1,male,45.0,torso,nevus,benign,0",
            "ISIC_0000002,IP_1,male,45.0,torso,nevus,benign,0",
            "ISIC_0000003,IP_2,female,60.0,torso,melanoma,malignant,1",
            "ISIC_0000004,IP_3,female,30.0,torso,unknown,benign,0"
        };
        List<String> v1 = new ArrayList<>(List.of(HEADER_2020));
        v1.addAll(List.of(rows));
        TestFiles.lines(root.resolve("ISIC_2020_Training_GroundTruth.csv"), v1.toArray(String[]::new));
        List<String> v2 = new ArrayList<>(
                List.of(
                        "image_name,patient_id,lesion_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target"));
        for (String row : rows) {
            String[] f = row.split(",", 2);
            v2.add(f[0] + "," + f[1].replaceFirst(",", ",IL_" + f[0].substring(5) + ","));
        }
        TestFiles.lines(root.resolve("ISIC_2020_Training_GroundTruth_v2.csv"), v2.toArray(String[]::new));
        TestFiles.lines(
                root.resolve("ISIC_2020_Training_Duplicates.csv"),
                "image_name_1,image_name_2",
                "ISIC_0000001,ISIC_0000002");
        Dataset dataset = DatasetReader.read(root);
        assertEquals(List.of(root.resolve("ISIC_2020_Training_GroundTruth_v2.csv")), dataset.labelFiles());
        assertEquals(Set.of("ISIC_0000001", "ISIC_0000003", "ISIC_0000004"), idsOf(dataset.samples()));
        assertEquals(3, dataset.samples().size(), "each image once");
        assertTrue(notes(dataset).contains("ISIC_2020_Training_GroundTruth.csv ignored"), notes(dataset));
        assertTrue(notes(dataset).contains("dropped 1 image(s)"), notes(dataset));
    }

    // ---- HAM10000 ----

    private void ham10000() {
        images("HAM10000_images_part_1", List.of("ISIC_0027419", "ISIC_0025030", "ISIC_0026769"));
        images("HAM10000_images_part_2", List.of("ISIC_0031633", "ISIC_0029176", "ISIC_0033391"));
        TestFiles.png(
                root.resolve("HAM10000_segmentations_lesion_tschandl/ISIC_0027419_segmentation.png"),
                TestFiles.gradient(4, 4, 1));
        TestFiles.lines(
                root.resolve("HAM10000_metadata.csv"),
                "lesion_id,image_id,dx,dx_type,age,sex,localization",
                "HAM_0000118,ISIC_0027419,bkl,histo,80.0,male,scalp",
                "HAM_0000118,ISIC_0025030,bkl,histo,80.0,male,scalp",
                "HAM_0002730,ISIC_0026769,mel,histo,80.0,male,scalp",
                "HAM_0001466,ISIC_0031633,bcc,histo,75.0,male,ear",
                "HAM_0001466,ISIC_0029176,bcc,histo,75.0,male,ear",
                "HAM_0002761,ISIC_0033391,akiec,histo,60.0,male,face");
    }

    @Test
    void ham10000GroupsByLesionWithMelMalignantByDefault() {
        ham10000();
        Dataset dataset = DatasetReader.read(root);
        assertEquals(DatasetFormat.HAM10000, dataset.format());
        assertEquals(
                List.of(0, 0, 1, 0, 0, 0),
                dataset.samples().stream().map(Sample::label).toList());
        assertEquals("HAM_0000118", dataset.samples().get(1).group());
        assertEquals("lesion_id", dataset.grouping());
        assertTrue(dataset.labelRule().startsWith("malignant = mel; benign = everything else"), dataset.labelRule());
        Dataset wide =
                DatasetReader.read(root, ReadOptions.defaults().withMalignantColumns(List.of("MEL", "BCC", "AKIEC")));
        assertEquals(
                List.of(0, 0, 1, 1, 1, 1),
                wide.samples().stream().map(Sample::label).toList());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DatasetReader.read(root, ReadOptions.defaults().withMalignantColumns(List.of("SCC"))));
        assertTrue(e.getMessage().contains("'scc' is not a HAM10000 diagnosis"), e.getMessage());
    }

    // ---- ISIC 2018 Task 3 ----

    private static final String HEADER_2018 = "image,MEL,NV,BCC,AKIEC,BKL,DF,VASC";

    private void isic2018Part(String part, List<String> ids) {
        images("ISIC2018_Task3_" + part + "_Input", ids);
        TestFiles.lines(root.resolve("ISIC2018_Task3_" + part + "_Input/ATTRIBUTION.txt"), "attribution");
        TestFiles.lines(root.resolve("ISIC2018_Task3_" + part + "_Input/LICENSE.txt"), "licence");
        List<String> rows = new ArrayList<>(List.of(HEADER_2018));
        for (int i = 0; i < ids.size(); i++) {
            rows.add(ids.get(i) + (i % 2 == 0 ? ",1.0,0.0,0.0,0.0,0.0,0.0,0.0" : ",0.0,1.0,0.0,0.0,0.0,0.0,0.0"));
        }
        TestFiles.lines(
                root.resolve("ISIC2018_Task3_" + part + "_GroundTruth/ISIC2018_Task3_" + part + "_GroundTruth.csv"),
                rows.toArray(String[]::new));
    }

    @Test
    void isic2018KeepsTheOfficialDivisionAndGroupsTrainingLesions() {
        List<String> training = ids(24306, 8);
        isic2018Part("Training", training);
        isic2018Part("Validation", ids(34321, 4));
        isic2018Part("Test", ids(34524, 4));
        TestFiles.lines(
                root.resolve("ISIC2018_Task3_Training_LesionGroupings.csv"),
                "image,lesion_id,diagnosis_confirm_type",
                training.get(0) + ",HAM_0000118,histopathology",
                training.get(2) + ",HAM_0000118,histopathology");
        Dataset dataset = DatasetReader.read(root);
        assertEquals(DatasetFormat.ISIC_2018, dataset.format());
        assertEquals(16, dataset.samples().size());
        assertEquals(
                "HAM_0000118",
                dataset.samples().stream()
                        .filter(x -> x.id().equals(training.get(2)))
                        .findFirst()
                        .orElseThrow()
                        .group());
        assertTrue(
                dataset.grouping().startsWith("lesion_id from ISIC2018_Task3_Training_LesionGroupings.csv"),
                dataset.grouping());
        SplitResult split = DatasetSplitter.divide(dataset, out, SplitOptions.defaults(), false);
        assertEquals(Set.copyOf(training), idsOf(split.splits().get(SplitName.TRAIN)));
        assertEquals(Set.copyOf(ids(34321, 4)), idsOf(split.splits().get(SplitName.VALIDATION)));
        assertEquals(Set.copyOf(ids(34524, 4)), idsOf(split.splits().get(SplitName.TEST)));
    }

    // ---- ISIC 2016 Part 3 ----

    @Test
    void isic2016ReadsBothHeaderlessFilesAndKeepsTheTestPart() {
        List<String> training = ids(0, 18);
        images("ISBI2016_ISIC_Part3_Training_Data", training);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < training.size(); i++) {
            rows.add(training.get(i) + "," + (i % 3 == 0 ? "malignant" : "benign"));
        }
        TestFiles.lines(root.resolve("ISBI2016_ISIC_Part3_Training_GroundTruth.csv"), rows.toArray(String[]::new));
        images("ISBI2016_ISIC_Part3_Test_Data", ids(3000, 4));
        TestFiles.lines(
                root.resolve("ISBI2016_ISIC_Part3_Test_GroundTruth.csv"),
                "ISIC_0003000,0.0",
                "ISIC_0003001,1.0",
                "ISIC_0003002,0.0",
                "ISIC_0003003,0.0");
        Dataset dataset = DatasetReader.read(root);
        assertEquals(DatasetFormat.ISIC_2016, dataset.format());
        assertEquals(22, dataset.samples().size(), "the first line is a row, not a header");
        assertEquals(7, dataset.malignantCount());
        SplitResult split = DatasetSplitter.divide(dataset, out, SplitOptions.defaults(), false);
        assertEquals(Set.copyOf(ids(3000, 4)), idsOf(split.splits().get(SplitName.TEST)));
        assertEquals(2, split.splits().get(SplitName.VALIDATION).size(), "a ninth of train held out");
        assertTrue(split.division().contains("no official validation part"), split.division());
        assertTrue(training.containsAll(idsOf(split.splits().get(SplitName.VALIDATION))));
    }

    @Test
    void isic2016BadClassNamesFileAndLine() {
        images("ISBI2016_ISIC_Part3_Training_Data", ids(0, 2));
        TestFiles.lines(
                root.resolve("ISBI2016_ISIC_Part3_Training_GroundTruth.csv"),
                "ISIC_0000000,benign",
                "ISIC_0000001,maybe");
        BadInputException e = assertThrows(BadInputException.class, () -> DatasetReader.read(root));
        assertTrue(e.getMessage().contains("ISBI2016_ISIC_Part3_Training_GroundTruth.csv, line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("'maybe'"), e.getMessage());
    }

    // ---- ISIC 2019 without metadata ----

    @Test
    void isic2019WithoutMetadataSaysLesionsMayCrossSplits() {
        images("ISIC_2019_Training_Input", List.of("ISIC_0000000", "ISIC_0000001"));
        TestFiles.lines(
                root.resolve("ISIC_2019_Training_GroundTruth.csv"),
                "image,MEL,NV,BCC,AK,BKL,DF,VASC,SCC,UNK",
                "ISIC_0000000,0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0",
                "ISIC_0000001,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0");
        Dataset dataset = DatasetReader.read(root);
        assertEquals(1, dataset.notes().size(), notes(dataset));
        assertTrue(
                notes(dataset).contains("ISIC_2019_Training_Metadata.csv not found")
                        && notes(dataset).contains("may cross splits"),
                notes(dataset));
        assertTrue(
                dataset.labelRule().startsWith("malignant = MEL; benign = everything else (NV, BCC"),
                dataset.labelRule());
        assertTrue(dataset.details().contains("labels: malignant = MEL"), dataset.details());
    }

    // ---- the user's mistakes, one line each ----

    @Test
    void aCsvFileGivenAsTheDataFolderNamesItsFolder() {
        ham10000();
        Path csv = root.resolve("HAM10000_metadata.csv");
        BadInputException e = assertThrows(BadInputException.class, () -> DatasetReader.read(csv));
        assertTrue(e.getMessage().contains("is a file") && e.getMessage().contains("--data " + root), e.getMessage());
    }

    @Test
    void theImageFolderGivenAsTheDataFolderPointsOneLevelUp() {
        ham10000();
        BadInputException e =
                assertThrows(BadInputException.class, () -> DatasetReader.read(root.resolve("HAM10000_images_part_1")));
        assertTrue(
                e.getMessage().contains("HAM10000_metadata.csv")
                        && e.getMessage().contains("--data " + root),
                e.getMessage());
    }

    @Test
    void theIsic2018InputFolderPointsToTheGroundTruthBesideIt() {
        isic2018Part("Training", ids(24306, 4));
        BadInputException e = assertThrows(
                BadInputException.class, () -> DatasetReader.read(root.resolve("ISIC2018_Task3_Training_Input")));
        assertTrue(
                e.getMessage().contains("ISIC2018_Task3_Training_GroundTruth.csv")
                        && e.getMessage().contains("--data " + root),
                e.getMessage());
    }

    @Test
    void anUnrelatedLabelFileNearbyIsNoHint() {
        ham10000();
        images("my-pictures", List.of("holiday_001"));
        BadInputException e =
                assertThrows(BadInputException.class, () -> DatasetReader.read(root.resolve("my-pictures")));
        assertTrue(e.getMessage().contains("no dataset found"), e.getMessage());
    }

    @Test
    void aPartialFolderLabelMapNamesTheUnmappedFolder() {
        images("train/nevus", List.of("n1"));
        images("train/melanoma", List.of("m1"));
        images("train/seborrheic_keratosis", List.of("s1"));
        ReadOptions partial = ReadOptions.defaults().withFolderLabels(java.util.Map.of("nevus", 0, "melanoma", 1));
        BadInputException e = assertThrows(BadInputException.class, () -> DatasetReader.read(root, partial));
        assertTrue(
                e.getMessage().contains("seborrheic_keratosis")
                        && e.getMessage().contains("--folder-labels"),
                e.getMessage());
    }

    @Test
    void skippedItemsAreListedInTheDetails() {
        images("ISIC_2019_Training_Input", List.of("ISIC_0000000", "ISIC_0000001"));
        TestFiles.lines(
                root.resolve("ISIC_2019_Training_GroundTruth.csv"),
                "image,MEL,NV,BCC,AK,BKL,DF,VASC,SCC,UNK",
                "ISIC_0000000,0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0",
                "ISIC_0000001,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0",
                "ISIC_0000404,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0");
        Dataset dataset = DatasetReader.read(root, ReadOptions.defaults().withSkipBad(true));
        assertTrue(dataset.details().contains("ISIC_2019_Training_GroundTruth.csv, line 4"), dataset.details());
        assertTrue(dataset.details().contains("ISIC_0000404"), dataset.details());
    }

    @Test
    void readingNeverWritesIntoAnyDownload() throws Exception {
        isic2017Challenge();
        ham10000();
        Set<Path> before;
        try (var files = Files.walk(root)) {
            before = new HashSet<>(files.toList());
        }
        DatasetReader.read(root, ReadOptions.defaults().withFormat(DatasetFormat.ISIC_2017));
        DatasetReader.read(root, ReadOptions.defaults().withFormat(DatasetFormat.HAM10000));
        try (var files = Files.walk(root)) {
            assertEquals(before, new HashSet<>(files.toList()));
        }
    }
}
