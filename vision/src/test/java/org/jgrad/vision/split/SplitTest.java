package org.jgrad.vision.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jgrad.vision.TestFiles;
import org.jgrad.vision.data.BadInputException;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.DatasetFormat;
import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.data.ReadOptions;
import org.jgrad.vision.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitTest {
    @TempDir
    Path temp;

    /** 1000 images in 400 groups of 1..4 images; about 20% of groups malignant. */
    private static List<Sample> groupedSamples() {
        Random random = new Random(42);
        List<Sample> samples = new ArrayList<>();
        for (int g = 0; g < 400; g++) {
            int label = random.nextDouble() < 0.2 ? 1 : 0;
            int images = 1 + random.nextInt(4);
            for (int i = 0; i < images; i++) {
                String id = "img_" + g + "_" + i;
                samples.add(new Sample(id, Path.of(id + ".jpg"), label, "lesion_" + g, "test", Map.of()));
            }
        }
        return samples;
    }

    @Test
    void noGroupAppearsInTwoSplitsAndEverySampleIsUsedOnce() {
        List<Sample> samples = groupedSamples();
        Map<SplitName, List<Sample>> splits = StratifiedGroupSplitter.assign(samples, SplitOptions.defaults());
        Map<String, SplitName> seen = new HashMap<>();
        int total = 0;
        for (Map.Entry<SplitName, List<Sample>> split : splits.entrySet()) {
            for (Sample sample : split.getValue()) {
                SplitName before = seen.putIfAbsent(sample.group(), split.getKey());
                assertTrue(before == null || before == split.getKey(), "group " + sample.group() + " in two splits");
                total++;
            }
        }
        assertEquals(samples.size(), total);
    }

    @Test
    void splitsAreStratifiedAndNearTheirFractions() {
        List<Sample> samples = groupedSamples();
        Map<SplitName, List<Sample>> splits = StratifiedGroupSplitter.assign(samples, SplitOptions.defaults());
        double overall = samples.stream().filter(s -> s.label() == 1).count() / (double) samples.size();
        for (SplitName split : SplitName.values()) {
            List<Sample> part = splits.get(split);
            double fraction = part.size() / (double) samples.size();
            assertEquals(SplitOptions.defaults().fraction(split), fraction, 0.02, split.toString());
            double malignant = part.stream().filter(s -> s.label() == 1).count() / (double) part.size();
            assertEquals(overall, malignant, 0.05, split + " malignant share");
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        List<Sample> samples = groupedSamples();
        var a = StratifiedGroupSplitter.assign(samples, SplitOptions.defaults());
        var b = StratifiedGroupSplitter.assign(samples, SplitOptions.defaults());
        var c = StratifiedGroupSplitter.assign(samples, SplitOptions.defaults().withSeed(2));
        assertEquals(a, b);
        assertTrue(!a.get(SplitName.TEST).equals(c.get(SplitName.TEST)));
    }

    @Test
    void smallMalignantClassStillReachesEverySplit() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            samples.add(new Sample("b" + i, Path.of("b" + i), 0, null, "t", Map.of()));
        }
        for (int i = 0; i < 3; i++) {
            samples.add(new Sample("m" + i, Path.of("m" + i), 1, null, "t", Map.of()));
        }
        var splits = StratifiedGroupSplitter.assign(samples, SplitOptions.defaults());
        for (SplitName split : SplitName.values()) {
            assertTrue(splits.get(split).stream().anyMatch(s -> s.label() == 1), split.toString());
        }
    }

    private Path foldersDataset(int benign, int malignant) {
        Path data = temp.resolve("data");
        for (int i = 0; i < benign; i++) {
            TestFiles.jpeg(data.resolve("benign/b" + i + ".jpg"), 8, 8, i);
        }
        for (int i = 0; i < malignant; i++) {
            TestFiles.jpeg(data.resolve("malignant/m" + i + ".jpg"), 8, 8, i);
        }
        return data;
    }

    @Test
    void writesSplitCsvsThatReadBackAndCountsMatch() {
        Path data = foldersDataset(16, 4);
        Path out = temp.resolve("split");
        SplitResult result = DatasetSplitter.split(data, out, ReadOptions.defaults(), SplitOptions.defaults());
        int total = 0;
        for (SplitName split : SplitName.values()) {
            List<Sample> read = SplitFiles.read(out, split);
            assertEquals(result.splits().get(split).size(), read.size());
            assertEquals(result.count(split, 1), (int)
                    read.stream().filter(s -> s.label() == 1).count());
            assertTrue(read.stream().allMatch(s -> Files.isRegularFile(s.image())));
            total += read.size();
        }
        assertEquals(20, total);
        assertTrue(result.table().contains("validation"), result.table());
        assertTrue(result.table().contains("grouping: none (per image)"), result.table());
    }

    @Test
    void hardLinkLayoutMirrorsTheTutorialFolders() {
        Path data = foldersDataset(16, 4);
        Path out = temp.resolve("split");
        SplitResult result = DatasetSplitter.split(
                data, out, ReadOptions.defaults(), SplitOptions.defaults().withLinkMode(LinkMode.HARDLINK));
        Sample first = result.splits().get(SplitName.TEST).get(0);
        assertTrue(Files.isRegularFile(out.resolve("test")
                .resolve(first.className())
                .resolve(first.image().getFileName())));
        assertTrue(Files.isRegularFile(first.image()), "original stays in place");
    }

    @Test
    void classWithNoExamplesInASplitIsAnErrorNamingTheSource() {
        Path data = foldersDataset(20, 1);
        BadInputException e = assertThrows(
                BadInputException.class,
                () -> DatasetSplitter.split(
                        data, temp.resolve("out"), ReadOptions.defaults(), SplitOptions.defaults()));
        assertTrue(e.getMessage().contains(data.toString()) && e.getMessage().contains("no malignant"), e.getMessage());
    }

    @Test
    void outputInsideTheDataFolderIsRefused() {
        Path data = foldersDataset(10, 10);
        assertThrows(
                IllegalArgumentException.class,
                () -> DatasetSplitter.split(
                        data, data.resolve("split"), ReadOptions.defaults(), SplitOptions.defaults()));
    }

    @Test
    void splitCsvWithBadLabelNamesFileAndLine() {
        Path file = TestFiles.lines(temp.resolve("train.csv"), "image_id,path,label,group,origin", "a,/x/a.jpg,2,,t");
        BadInputException e = assertThrows(BadInputException.class, () -> SplitFiles.read(file));
        assertTrue(e.getMessage().contains("train.csv, line 2"), e.getMessage());
    }

    @Test
    void groupedIsic2019SplitReportsLesionGrouping() {
        Path data = temp.resolve("isic");
        StringBuilder truth = new StringBuilder("image,MEL,NV,BCC,AK,BKL,DF,VASC,SCC,UNK\n");
        StringBuilder meta = new StringBuilder("image,age_approx,anatom_site_general,lesion_id,sex\n");
        for (int i = 0; i < 60; i++) {
            String id = String.format("ISIC_%07d", i);
            int lesion = i / 2;
            boolean mel = lesion % 4 == 0;
            TestFiles.jpeg(data.resolve("img/" + id + ".jpg"), 8, 8, i);
            truth.append(id).append(mel ? ",1.0,0.0" : ",0.0,1.0").append(",0.0,0.0,0.0,0.0,0.0,0.0,0.0\n");
            meta.append(id).append(",50,torso,L").append(lesion).append(",male\n");
        }
        TestFiles.lines(
                data.resolve("ISIC_2019_Training_GroundTruth.csv"),
                truth.toString().strip());
        TestFiles.lines(
                data.resolve("ISIC_2019_Training_Metadata.csv"), meta.toString().strip());
        Dataset dataset = DatasetReader.read(data);
        assertEquals(DatasetFormat.ISIC_2019, dataset.format());
        SplitResult result = DatasetSplitter.split(dataset, temp.resolve("out"), SplitOptions.defaults());
        assertTrue(result.grouping().contains("lesion_id"), result.grouping());
        Map<String, SplitName> lesionSplit = new HashMap<>();
        for (SplitName split : SplitName.values()) {
            for (Sample s : result.splits().get(split)) {
                SplitName before = lesionSplit.putIfAbsent(s.group(), split);
                assertTrue(before == null || before == split);
            }
        }
    }
}
