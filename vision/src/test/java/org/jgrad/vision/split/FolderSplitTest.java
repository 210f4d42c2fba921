package org.jgrad.vision.split;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Optional;
import org.jgrad.vision.TestFiles;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.DatasetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder layout that is already split into train/ valid/ test/ keeps that split. */
class FolderSplitTest {
    @TempDir
    Path root;

    @TempDir
    Path out;

    private void images(String folder, int count) {
        for (int i = 0; i < count; i++) {
            TestFiles.jpeg(root.resolve(folder).resolve(folder.replace('/', '_') + "_" + i + ".jpg"), 12, 9, i);
        }
    }

    @Test
    void keepsTheFoldersSplit() {
        images("train/benign", 8);
        images("train/malignant", 4);
        images("valid/benign", 2);
        images("valid/malignant", 1);
        images("test/benign", 3);
        images("test/malignant", 2);
        Dataset dataset = DatasetReader.read(root);
        SplitResult r = DatasetSplitter.fromFolders(dataset, out, 1).orElseThrow();
        assertEquals(12, r.splits().get(SplitName.TRAIN).size());
        assertEquals(3, r.splits().get(SplitName.VALIDATION).size());
        assertEquals(5, r.splits().get(SplitName.TEST).size());
        assertTrue(
                r.splits().get(SplitName.TEST).stream().allMatch(s -> s.image().startsWith(root.resolve("test"))));
        assertEquals(5, SplitFiles.read(out, SplitName.TEST).size());
        assertTrue(r.division().contains("folders"), r.division());
    }

    @Test
    void withoutValidationFolderAStratifiedNinthOfTrainIsHeldOut() {
        images("train/benign", 18);
        images("train/malignant", 9);
        images("test/benign", 3);
        images("test/malignant", 2);
        SplitResult r =
                DatasetSplitter.fromFolders(DatasetReader.read(root), out, 1).orElseThrow();
        assertEquals(3, r.splits().get(SplitName.VALIDATION).size());
        assertEquals(24, r.splits().get(SplitName.TRAIN).size());
        assertEquals(1, r.count(SplitName.VALIDATION, 1));
        assertEquals(5, r.splits().get(SplitName.TEST).size());
    }

    @Test
    void unsplitFoldersGiveNothing() {
        images("benign", 6);
        images("malignant", 3);
        Optional<SplitResult> r = DatasetSplitter.fromFolders(DatasetReader.read(root), out, 1);
        assertTrue(r.isEmpty());
    }
}
