package org.jgrad.vision.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * One labelled image.
 *
 * @param id       the dataset's image id (e.g. {@code ISIC_0000000} or {@code ISIC_0000004_downsampled})
 * @param image    path of the image file
 * @param label    0 benign, 1 malignant
 * @param group    key that ties images together for the split (lesion or patient id), or
 *                 {@code null} when the image stands alone
 * @param origin   where the label came from, e.g. {@code labels.csv, line 12}, for error messages
 * @param metadata other columns worth keeping (diagnosis, sex, site, source folder...)
 */
public record Sample(String id, Path image, int label, String group, String origin, Map<String, String> metadata) {
    public Sample {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, got " + label);
        }
        metadata = Map.copyOf(metadata);
    }

    /** The key the split groups by: the group when there is one, else the image id. */
    public String groupOrId() {
        return group == null || group.isEmpty() ? "image:" + id : group;
    }

    /** This sample with one more metadata entry (replacing an earlier value of {@code key}). */
    public Sample withMetadata(String key, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(metadata);
        more.put(key, value);
        return new Sample(id, image, label, group, origin, more);
    }

    /** The official part this sample belongs to ({@link Division#KEY}), or {@code null}. */
    public String officialSplit() {
        return metadata.get(Division.KEY);
    }

    /** "benign" or "malignant". */
    public String className() {
        return Labels.name(label);
    }
}
