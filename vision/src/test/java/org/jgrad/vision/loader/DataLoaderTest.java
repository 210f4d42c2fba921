package org.jgrad.vision.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgrad.vision.TestFiles;
import org.jgrad.vision.data.BadInputException;
import org.jgrad.vision.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLoaderTest {
    @TempDir
    Path temp;

    private List<Sample> samples(int count) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path image = TestFiles.jpeg(temp.resolve("data/img" + i + ".jpg"), 40 + i, 30, i);
            samples.add(
                    new Sample("img" + i, image, i % 3 == 0 ? 1 : 0, null, "labels.csv, line " + (i + 2), Map.of()));
        }
        return samples;
    }

    private static List<Batch> epoch(DataLoader loader, int epoch) {
        List<Batch> batches = new ArrayList<>();
        try (Epoch batchesOfEpoch = loader.epoch(epoch)) {
            batchesOfEpoch.forEachRemaining(batches::add);
        }
        return batches;
    }

    @Test
    void batchesHaveNchwShapesAndLabels() {
        List<Sample> samples = samples(10);
        LoaderOptions options =
                LoaderOptions.evaluation(16, 4).withCacheDir(null).withThreads(2, 3);
        try (DataLoader loader = DataLoader.open(samples, options)) {
            List<Batch> batches = epoch(loader, 0);
            assertEquals(3, loader.batchesPerEpoch());
            assertEquals(3, batches.size());
            assertArrayEquals(new int[] {4, 3, 16, 16}, batches.get(0).shape());
            assertArrayEquals(new int[] {2, 3, 16, 16}, batches.get(2).shape());
            assertEquals(4 * 3 * 16 * 16, batches.get(0).images().length);
            assertEquals(List.of("img0", "img1", "img2", "img3"), batches.get(0).ids());
            assertArrayEquals(new float[] {1, 0, 0, 1}, batches.get(0).labels());
            for (float v : batches.get(1).images()) {
                assertTrue(v >= 0 && v <= 1);
            }
        }
        try (DataLoader loader = DataLoader.open(samples, options.withDropLast(true))) {
            assertEquals(2, epoch(loader, 0).size());
        }
    }

    @Test
    void sameSeedGivesSameBatchesWhateverTheThreadCount() {
        List<Sample> samples = samples(12);
        LoaderOptions training = LoaderOptions.training(16, 5, 9).withCacheDir(null);
        List<Batch> oneThread;
        List<Batch> threeThreads;
        try (DataLoader loader = DataLoader.open(samples, training.withThreads(1, 1))) {
            oneThread = epoch(loader, 2);
        }
        try (DataLoader loader = DataLoader.open(samples, training.withThreads(3, 5))) {
            threeThreads = epoch(loader, 2);
        }
        assertEquals(oneThread.size(), threeThreads.size());
        for (int b = 0; b < oneThread.size(); b++) {
            assertEquals(oneThread.get(b).ids(), threeThreads.get(b).ids());
            assertArrayEquals(oneThread.get(b).images(), threeThreads.get(b).images());
        }
        try (DataLoader loader = DataLoader.open(samples, training.withThreads(2, 2))) {
            assertNotEquals(
                    epoch(loader, 2).get(0).ids(), epoch(loader, 3).get(0).ids(), "epochs reshuffle");
        }
    }

    @Test
    void cachedEpochsEqualDecodedEpochsAndSecondOpenIsAllHits() {
        List<Sample> samples = samples(6);
        Path cacheDir = temp.resolve("cache");
        LoaderOptions options = LoaderOptions.evaluation(16, 6).withThreads(2, 2);
        float[] decoded;
        try (DataLoader loader = DataLoader.open(samples, options.withCacheDir(null))) {
            decoded = epoch(loader, 0).get(0).images();
        }
        try (DataLoader loader = DataLoader.open(samples, options.withCacheDir(cacheDir))) {
            assertEquals(6, loader.decodedIntoCache());
            float[] cached = epoch(loader, 0).get(0).images();
            for (int i = 0; i < decoded.length; i++) {
                assertEquals(decoded[i], cached[i], 0.5f / 255 + 1e-6f); // uint8 rounding only
            }
        }
        try (DataLoader loader = DataLoader.open(samples, options.withCacheDir(cacheDir))) {
            assertEquals(0, loader.decodedIntoCache(), "second run decodes nothing");
        }
        try (PixelCache cache = PixelCache.open(cacheDir, 16, org.jgrad.vision.image.ResizeMode.STRETCH)) {
            assertEquals(6, cache.entryCount());
            for (int slot = 0; slot < 6; slot++) {
                assertTrue(cache.read(slot, new byte[cache.pixelBytes()]), "checksum of entry " + slot);
            }
        }
        assertTrue(samples.stream().allMatch(s -> s.image().startsWith(temp.resolve("data"))));
        assertTrue(Files.exists(cacheDir.resolve("pixels-16-stretch.bin")));
    }

    @Test
    void staleEntryIsRebuiltWhenTheImageChanges() throws Exception {
        List<Sample> samples = samples(3);
        Path cacheDir = temp.resolve("cache");
        LoaderOptions options = LoaderOptions.evaluation(8, 3).withThreads(1, 1).withCacheDir(cacheDir);
        try (DataLoader loader = DataLoader.open(samples, options)) {
            assertEquals(3, loader.decodedIntoCache());
        }
        TestFiles.jpeg(samples.get(1).image(), 20, 20, 7);
        Files.setLastModifiedTime(samples.get(1).image(), java.nio.file.attribute.FileTime.fromMillis(123_000));
        try (DataLoader loader = DataLoader.open(samples, options)) {
            assertEquals(1, loader.decodedIntoCache());
        }
    }

    @Test
    void damagedEntryIsDetectedAndRedecoded() throws Exception {
        List<Sample> samples = samples(2);
        Path cacheDir = temp.resolve("cache");
        LoaderOptions options = LoaderOptions.evaluation(8, 2).withThreads(1, 1).withCacheDir(cacheDir);
        float[] good;
        try (DataLoader loader = DataLoader.open(samples, options)) {
            good = epoch(loader, 0).get(0).images();
        }
        Path file = cacheDir.resolve("pixels-8-stretch.bin");
        byte[] bytes = Files.readAllBytes(file);
        int firstPixel = PixelCache.HEADER_BYTES + PixelCache.ENTRY_HEADER_BYTES;
        bytes[firstPixel] ^= 0x5A;
        Files.write(file, bytes);
        try (DataLoader loader = DataLoader.open(samples, options)) {
            assertArrayEquals(good, epoch(loader, 0).get(0).images());
        }
        try (PixelCache cache = PixelCache.open(cacheDir, 8, org.jgrad.vision.image.ResizeMode.STRETCH)) {
            assertTrue(cache.read(0, new byte[cache.pixelBytes()]), "entry was rewritten");
        }
    }

    @Test
    void damagedHeaderRebuildsTheWholeCache() throws Exception {
        List<Sample> samples = samples(2);
        Path cacheDir = temp.resolve("cache");
        LoaderOptions options = LoaderOptions.evaluation(8, 2).withThreads(1, 1).withCacheDir(cacheDir);
        try (DataLoader loader = DataLoader.open(samples, options)) {
            epoch(loader, 0);
        }
        Path file = cacheDir.resolve("pixels-8-stretch.bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10)); // shorter than its count says
        try (PixelCache cache = PixelCache.open(cacheDir, 8, org.jgrad.vision.image.ResizeMode.STRETCH)) {
            assertTrue(cache.wasRebuilt());
            assertEquals(0, cache.entryCount());
        }
        try (DataLoader loader = DataLoader.open(samples, options)) {
            assertEquals(2, loader.decodedIntoCache());
        }
    }

    @Test
    void corruptImageStopsWithFileAndLineOrIsSkippedAndListed() {
        List<Sample> samples = new ArrayList<>(samples(4));
        Path truncated = TestFiles.truncatedCopy(samples.get(0).image(), temp.resolve("data/broken.jpg"));
        samples.add(new Sample("broken", truncated, 0, null, "labels.csv, line 9", Map.of()));
        LoaderOptions options = LoaderOptions.evaluation(8, 5).withThreads(2, 2);
        for (Path cacheDir : new Path[] {null, temp.resolve("cache")}) {
            BadInputException e = assertThrows(BadInputException.class, () -> {
                try (DataLoader loader = DataLoader.open(samples, options.withCacheDir(cacheDir))) {
                    epoch(loader, 0);
                }
            });
            assertTrue(
                    e.getMessage().contains("broken.jpg") && e.getMessage().contains("labels.csv, line 9"),
                    e.getMessage());
            try (DataLoader loader =
                    DataLoader.open(samples, options.withCacheDir(cacheDir).withSkipBad(true))) {
                Batch batch = epoch(loader, 0).get(0);
                assertEquals(4, batch.size());
                assertEquals(1, loader.skipped().size());
                assertTrue(loader.skippedSummary().contains("broken.jpg"));
            }
        }
    }

    @Test
    void missingImageIsAnErrorNamingItAndItsLine() {
        List<Sample> samples = new ArrayList<>(samples(2));
        samples.add(new Sample("gone", temp.resolve("data/gone.jpg"), 1, null, "labels.csv, line 4", Map.of()));
        BadInputException e = assertThrows(
                BadInputException.class,
                () -> DataLoader.open(samples, LoaderOptions.evaluation(8, 2).withCacheDir(temp.resolve("cache")))
                        .close());
        assertTrue(e.getMessage().contains("gone.jpg") && e.getMessage().contains("line 4"), e.getMessage());
    }

    @Test
    void emptySampleListIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DataLoader.open(List.of(), LoaderOptions.evaluation(8, 2)));
    }

    @Test
    void throughputReportsEveryStage() {
        List<DataThroughput.Result> results = DataThroughput.measure(temp.resolve("bench"), 4, new int[] {16}, 2, 0);
        assertEquals(
                List.of("decode", "cache-build", "cached", "cached+augment"),
                results.stream().map(DataThroughput.Result::stage).toList());
        assertTrue(results.stream().allMatch(r -> r.imagesPerSecond() > 0));
    }
}
