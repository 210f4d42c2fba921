package org.jgrad.vision.synth;

import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.DatasetFormat;
import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SyntheticLesionsTest {
    @TempDir
    Path temp;

    @Test
    void writesTheRequestedCountAndClassRatioReadableAsIsic2019() {
        SynthResult result = SyntheticLesions.generate(temp.resolve("a"), 50, 3, SynthOptions.defaults().withSize(64, 48));
        assertEquals(50, result.count());
        assertEquals(10, result.malignant());
        Dataset dataset = DatasetReader.read(temp.resolve("a"));
        assertEquals(DatasetFormat.ISIC_2019, dataset.format());
        assertEquals(50, dataset.samples().size());
        assertEquals(10, dataset.malignantCount());
        assertEquals(64, ImageDecoder.decodeRgb(dataset.samples().get(0).image()).width);
    }

    @Test
    void sameSeedSamePixelsWhateverTheThreadCount() throws Exception {
        SyntheticLesions.generate(temp.resolve("one"), 6, 11, SynthOptions.defaults().withSize(48, 32).withThreads(1));
        SyntheticLesions.generate(temp.resolve("two"), 6, 11, SynthOptions.defaults().withSize(48, 32).withThreads(2));
        for (int i = 0; i < 6; i++) {
            String name = SyntheticLesions.IMAGE_FOLDER + "/" + SyntheticLesions.idOf(i) + ".jpg";
            assertArrayEquals(Files.readAllBytes(temp.resolve("one").resolve(name)),
                    Files.readAllBytes(temp.resolve("two").resolve(name)));
        }
        assertArrayEquals(Files.readAllBytes(temp.resolve("one").resolve(SyntheticLesions.CSV_NAME)),
                Files.readAllBytes(temp.resolve("two").resolve(SyntheticLesions.CSV_NAME)));
    }

    @Test
    void malignantFractionIsConfigurable() {
        boolean[] flags = SyntheticLesions.chooseMalignant(200, 0.35, 5);
        int malignant = 0;
        for (boolean flag : flags) {
            malignant += flag ? 1 : 0;
        }
        assertEquals(70, malignant);
    }
}
