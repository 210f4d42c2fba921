package org.jgrad.vision.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jgrad.vision.TestFiles;
import org.jgrad.vision.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data-parallel parts of an epoch: together they are the one-process epoch, batch by batch. */
class DataLoaderPartsTest {
    @TempDir
    Path temp;

    private List<Sample> samples(int count) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path image = TestFiles.jpeg(temp.resolve("data/img" + i + ".jpg"), 20 + i, 20, i);
            samples.add(new Sample("img" + i, image, i % 2, null, "labels.csv, line " + (i + 2), Map.of()));
        }
        return samples;
    }

    private static List<Batch> batches(Epoch epoch) {
        List<Batch> out = new ArrayList<>();
        try (epoch) {
            epoch.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void partsConcatenateToTheWholeBatches() {
        // 11 images in batches of 5: 5, 5 and a last batch of 1, which 2 parts cannot share and so leave out.
        LoaderOptions options =
                LoaderOptions.training(8, 5, 4).withCacheDir(null).withThreads(2, 2);
        try (DataLoader loader = DataLoader.open(samples(11), options)) {
            List<Batch> whole = batches(loader.epoch(1));
            List<Batch> first = batches(loader.epoch(1, 0, 2)), second = batches(loader.epoch(1, 1, 2));
            assertEquals(3, whole.size());
            assertEquals(2, first.size());
            assertEquals(2, second.size());
            for (int b = 0; b < 2; b++) {
                assertEquals(2, first.get(b).size(), "5 images: 2 in part 0");
                assertEquals(3, second.get(b).size(), "and 3 in part 1");
                List<String> ids = new ArrayList<>(first.get(b).ids());
                ids.addAll(second.get(b).ids());
                assertEquals(whole.get(b).ids(), ids);
                float[] images =
                        Arrays.copyOf(first.get(b).images(), whole.get(b).images().length);
                System.arraycopy(
                        second.get(b).images(),
                        0,
                        images,
                        first.get(b).images().length,
                        second.get(b).images().length);
                assertArrayEquals(whole.get(b).images(), images, "same pixels, same augmentation");
            }
        }
    }

    @Test
    void badPartIsRefused() {
        try (DataLoader loader = DataLoader.open(
                samples(2), LoaderOptions.evaluation(8, 2).withCacheDir(null).withThreads(1, 1))) {
            assertThrows(IllegalArgumentException.class, () -> loader.epoch(0, 2, 2));
            assertThrows(IllegalArgumentException.class, () -> loader.epoch(0, 0, 0));
        }
    }
}
