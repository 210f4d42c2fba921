package org.jgrad.vision.split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jgrad.vision.data.Sample;

/**
 * Assigns whole groups (a lesion, a patient, or a single image) to splits, class by class.
 *
 * <ol>
 *   <li>Samples are grouped by {@link Sample#groupOrId()}. A group is malignant if any of its
 *       images is, and joins that class's stratum.</li>
 *   <li>Each stratum's groups are sorted by key, then shuffled with a generator seeded by
 *       (seed, class): the same seed always gives the same split.</li>
 *   <li>The first groups go one each to test and validation (when their fractions are positive
 *       and the stratum has enough groups), so small classes reach every split; every further
 *       group goes to the split furthest below its target image count.</li>
 * </ol>
 * Within a split, samples keep the dataset's order.
 */
public final class StratifiedGroupSplitter {
    private StratifiedGroupSplitter() {}

    /** Splits {@code samples}; never puts one group in two splits. */
    public static Map<SplitName, List<Sample>> assign(List<Sample> samples, SplitOptions options) {
        Map<String, List<Sample>> groups = groups(samples);
        Map<String, SplitName> splitOfGroup = new LinkedHashMap<>();
        for (int label = 0; label <= 1; label++) {
            assignStratum(stratum(groups, label, options.seed()), groups, options, splitOfGroup);
        }
        Map<SplitName, List<Sample>> splits = new EnumMap<>(SplitName.class);
        for (SplitName split : SplitName.values()) {
            splits.put(split, new ArrayList<>());
        }
        for (Sample sample : samples) {
            splits.get(splitOfGroup.get(sample.groupOrId())).add(sample);
        }
        return splits;
    }

    /** The samples of each group, by group key in sorted order (steps 1 and 2 start from this order). */
    static Map<String, List<Sample>> groups(List<Sample> samples) {
        Map<String, List<Sample>> groups = new TreeMap<>();
        for (Sample sample : samples) {
            groups.computeIfAbsent(sample.groupOrId(), key -> new ArrayList<>()).add(sample);
        }
        return groups;
    }

    /** The keys of the groups of class {@code label} (malignant if any image is), shuffled by (seed, class). */
    static List<String> stratum(Map<String, List<Sample>> groups, int label, long seed) {
        List<String> stratum = new ArrayList<>();
        for (Map.Entry<String, List<Sample>> group : groups.entrySet()) {
            int groupLabel =
                    group.getValue().stream().mapToInt(Sample::label).max().orElse(0);
            if (groupLabel == label) {
                stratum.add(group.getKey());
            }
        }
        Collections.shuffle(stratum, new Random(seed * 31 + label));
        return stratum;
    }

    private static void assignStratum(
            List<String> stratum,
            Map<String, List<Sample>> groups,
            SplitOptions options,
            Map<String, SplitName> splitOfGroup) {
        int images = stratum.stream().mapToInt(key -> groups.get(key).size()).sum();
        Map<SplitName, Double> target = new EnumMap<>(SplitName.class);
        Map<SplitName, Integer> assigned = new EnumMap<>(SplitName.class);
        for (SplitName split : SplitName.values()) {
            target.put(split, options.fraction(split) * images);
            assigned.put(split, 0);
        }
        List<SplitName> seedFirst = new ArrayList<>();
        for (SplitName split : List.of(SplitName.TEST, SplitName.VALIDATION)) {
            if (options.fraction(split) > 0) {
                seedFirst.add(split);
            }
        }
        boolean seedSmallSplits = stratum.size() > seedFirst.size() && options.train() > 0;
        for (int i = 0; i < stratum.size(); i++) {
            String key = stratum.get(i);
            SplitName split =
                    seedSmallSplits && i < seedFirst.size() ? seedFirst.get(i) : mostBelowTarget(target, assigned);
            splitOfGroup.put(key, split);
            assigned.merge(split, groups.get(key).size(), Integer::sum);
        }
    }

    /** The split with the largest (target - assigned) image count; ties go to the earlier split. */
    private static SplitName mostBelowTarget(Map<SplitName, Double> target, Map<SplitName, Integer> assigned) {
        SplitName best = SplitName.TRAIN;
        double bestGap = Double.NEGATIVE_INFINITY;
        for (SplitName split : SplitName.values()) {
            if (target.get(split) <= 0) {
                continue;
            }
            double gap = target.get(split) - assigned.get(split);
            if (gap > bestGap) {
                bestGap = gap;
                best = split;
            }
        }
        return best;
    }
}
