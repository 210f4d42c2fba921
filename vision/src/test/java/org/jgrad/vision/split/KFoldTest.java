package org.jgrad.vision.split;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jgrad.vision.data.Sample;
import org.junit.jupiter.api.Test;

/** Stratified, grouped k-fold splits: every image tested once, no group split, classes balanced. */
class KFoldTest {

    /** 500 groups of 1..4 images, about a fifth of the groups malignant. */
    private static List<Sample> groupedSamples() {
        Random random = new Random(7);
        List<Sample> samples = new ArrayList<>();
        for (int g = 0; g < 500; g++) {
            int label = random.nextDouble() < 0.2 ? 1 : 0;
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                samples.add(new Sample(
                        "img_" + g + "_" + i,
                        Path.of("img_" + g + "_" + i + ".jpg"),
                        label,
                        "lesion_" + g,
                        "test",
                        Map.of()));
            }
        }
        return samples;
    }

    @Test
    void everyImageIsTestedOnceAndNoGroupCrossesParts() {
        List<Sample> samples = groupedSamples();
        List<Map<SplitName, List<Sample>>> splits = StratifiedGroupKFold.splits(samples, 5, 3);
        assertEquals(5, splits.size());
        Map<String, Integer> tested = new HashMap<>();
        for (Map<SplitName, List<Sample>> split : splits) {
            int total = 0;
            Map<String, SplitName> partOfGroup = new HashMap<>();
            for (SplitName part : SplitName.values()) {
                for (Sample s : split.get(part)) {
                    SplitName before = partOfGroup.putIfAbsent(s.group(), part);
                    assertTrue(before == null || before == part, s.group() + " is in " + before + " and " + part);
                    total++;
                }
                for (int label = 0; label <= 1; label++) {
                    final int l = label;
                    assertTrue(split.get(part).stream().anyMatch(s -> s.label() == l), part + " lacks class " + label);
                }
            }
            assertEquals(samples.size(), total, "each split uses every image once");
            for (Sample s : split.get(SplitName.TEST)) tested.merge(s.id(), 1, Integer::sum);
            // validation is about a tenth of everything, test a fifth
            assertEquals(0.1, split.get(SplitName.VALIDATION).size() / (double) samples.size(), 0.03);
            assertEquals(0.2, split.get(SplitName.TEST).size() / (double) samples.size(), 0.03);
        }
        assertEquals(samples.size(), tested.size());
        assertTrue(tested.values().stream().allMatch(n -> n == 1), "each image in exactly one test fold");
    }

    @Test
    void foldsAreStratified() {
        List<Sample> samples = groupedSamples();
        long malignant = samples.stream().filter(s -> s.label() == 1).count();
        for (List<Sample> fold : StratifiedGroupKFold.folds(samples, 4, 1)) {
            long m = fold.stream().filter(s -> s.label() == 1).count();
            // greedy dealing by image count keeps each fold within one group (≤ 4 images) of a quarter
            assertEquals(malignant / 4.0, m, 4.0, "malignant images in a fold");
            assertEquals((samples.size() - malignant) / 4.0, fold.size() - m, 4.0, "benign images in a fold");
        }
    }

    @Test
    void sameSeedSameFoldsAnotherSeedOthers() {
        List<Sample> samples = groupedSamples();
        assertEquals(ids(StratifiedGroupKFold.folds(samples, 3, 9)), ids(StratifiedGroupKFold.folds(samples, 3, 9)));
        assertNotEquals(
                ids(StratifiedGroupKFold.folds(samples, 3, 9)), ids(StratifiedGroupKFold.folds(samples, 3, 10)));
    }

    @Test
    void tooFewGroupsOfAClassIsRefusedWithTheCounts() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 30; i++) samples.add(new Sample("b" + i, Path.of("b" + i), 0, null, "t", Map.of()));
        for (int i = 0; i < 6; i++)
            samples.add(new Sample("m" + i, Path.of("m" + i), 1, i < 3 ? "one" : "two", "t", Map.of()));
        // six malignant images but only two lesions: not enough for 2 folds (needs 3)
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> StratifiedGroupKFold.folds(samples, 2, 1));
        assertTrue(e.getMessage().contains("only 2 malignant"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StratifiedGroupKFold.folds(samples, 1, 1));
    }

    private static List<Set<String>> ids(List<List<Sample>> folds) {
        List<Set<String>> out = new ArrayList<>();
        for (List<Sample> f : folds) {
            Set<String> ids = new HashSet<>();
            for (Sample s : f) ids.add(s.id());
            out.add(ids);
        }
        return out;
    }
}
