package org.jgrad.vision.split;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.vision.data.Labels;
import org.jgrad.vision.data.Sample;

/**
 * k-fold cross-validation splits, stratified and grouped like {@link StratifiedGroupSplitter}:
 * whole groups (a lesion, a patient, or a single image) are dealt to k folds class by class —
 * each class's groups in the same seeded order as the three-way split, each group to the fold
 * that so far holds the fewest images of its class (ties: the lower fold). Fold i is then the
 * test part of split i; the other folds are split again, grouped and stratified, into training
 * and validation, validation taking {@link #VALIDATION_SHARE} of all images (as in the default
 * 80/10/10 split). No group is ever in two parts of a split, and every image is tested exactly once.
 */
public final class StratifiedGroupKFold {
    /** Validation's share of the whole data set in every fold's split. */
    public static final double VALIDATION_SHARE = 0.1;

    public static final int MAX_FOLDS = 20;

    private StratifiedGroupKFold() {}

    /** The k train/validation/test splits; fold i's test part is the i-th fold (0-based). */
    public static List<Map<SplitName, List<Sample>>> splits(List<Sample> samples, int k, long seed) {
        List<List<Sample>> folds = folds(samples, k, seed);
        double validationOfRest = Math.min(0.5, VALIDATION_SHARE * k / (k - 1));
        List<Map<SplitName, List<Sample>>> splits = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<Sample> rest = new ArrayList<>();
            for (int j = 0; j < k; j++) if (j != i) rest.addAll(folds.get(j));
            Map<SplitName, List<Sample>> carved = StratifiedGroupSplitter.assign(
                    rest, new SplitOptions(1 - validationOfRest, validationOfRest, 0, seed + i, LinkMode.NONE));
            Map<SplitName, List<Sample>> split = new EnumMap<>(SplitName.class);
            split.put(SplitName.TRAIN, carved.get(SplitName.TRAIN));
            split.put(SplitName.VALIDATION, carved.get(SplitName.VALIDATION));
            split.put(SplitName.TEST, folds.get(i));
            splits.add(split);
        }
        return splits;
    }

    /**
     * The k folds, each a list of samples in the data set's order. Each class needs at least
     * k + 1 groups: one per fold's test part, and one more for the validation part.
     */
    public static List<List<Sample>> folds(List<Sample> samples, int k, long seed) {
        if (k < 2 || k > MAX_FOLDS)
            throw new IllegalArgumentException("--folds must be between 2 and " + MAX_FOLDS + ", got " + k);
        Map<String, List<Sample>> groups = StratifiedGroupSplitter.groups(samples);
        Map<String, Integer> foldOfGroup = new HashMap<>();
        for (int label = 0; label <= 1; label++) {
            List<String> stratum = StratifiedGroupSplitter.stratum(groups, label, seed);
            if (stratum.size() < k + 1) {
                throw new IllegalArgumentException("--folds " + k + ": the data hold only " + stratum.size() + " "
                        + Labels.name(label)
                        + " lesions/images (grouped), but " + k + "-fold cross-validation needs at least " + (k + 1)
                        + " (one per fold's test part, one more for validation); use fewer folds or more data");
            }
            int[] images = new int[k];
            for (String key : stratum) {
                int fold = 0;
                for (int f = 1; f < k; f++) if (images[f] < images[fold]) fold = f;
                foldOfGroup.put(key, fold);
                images[fold] += groups.get(key).size();
            }
        }
        List<List<Sample>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) folds.add(new ArrayList<>());
        for (Sample s : samples) folds.get(foldOfGroup.get(s.groupOrId())).add(s);
        return folds;
    }
}
