package org.jgrad.vision.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An image id listed twice (two CSV rows, or one file name in two class folders) would be
 * trained and tested on twice, or with both labels; it is a bad item: an error naming both
 * places, or with skip-bad the later one is dropped and listed.
 */
final class Duplicates {
    private Duplicates() {}

    /** {@code samples} without repeated ids (the first kept); each repeat is reported to {@code log}. */
    static List<Sample> dropRepeatedIds(List<Sample> samples, BadItemLog log) {
        Map<String, Sample> first = new HashMap<>();
        List<Sample> kept = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            Sample earlier = first.putIfAbsent(s.id(), s);
            if (earlier == null) {
                kept.add(s);
                continue;
            }
            String labels = earlier.label() == s.label()
                    ? ""
                    : " with the other label (" + earlier.className() + " there, " + s.className() + " here)";
            log.report(new BadItem(
                    s.image(),
                    0,
                    "image id '" + s.id() + "' appears twice: " + where(earlier) + " and " + where(s) + labels));
        }
        return kept;
    }

    private static String where(Sample s) {
        return s.origin() == null || s.origin().isEmpty() ? s.image().toString() : s.origin();
    }
}
