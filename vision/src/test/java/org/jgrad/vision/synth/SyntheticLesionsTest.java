package org.jgrad.vision.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.DatasetFormat;
import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticLesionsTest {
    @TempDir
    Path temp;

    @Test
    void writesTheRequestedCountAndClassRatioReadableAsIsic2019() {
        SynthResult result = SyntheticLesions.generate(
                temp.resolve("a"), 50, 3, SynthOptions.defaults().withSize(64, 48));
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
        SyntheticLesions.generate(
                temp.resolve("one"),
                6,
                11,
                SynthOptions.defaults().withSize(48, 32).withThreads(1));
        SyntheticLesions.generate(
                temp.resolve("two"),
                6,
                11,
                SynthOptions.defaults().withSize(48, 32).withThreads(2));
        for (int i = 0; i < 6; i++) {
            String name = SyntheticLesions.IMAGE_FOLDER + "/" + SyntheticLesions.idOf(i) + ".jpg";
            assertArrayEquals(
                    Files.readAllBytes(temp.resolve("one").resolve(name)),
                    Files.readAllBytes(temp.resolve("two").resolve(name)));
        }
        assertArrayEquals(
                Files.readAllBytes(temp.resolve("one").resolve(SyntheticLesions.CSV_NAME)),
                Files.readAllBytes(temp.resolve("two").resolve(SyntheticLesions.CSV_NAME)));
    }

    @Test
    void rgbBytesCopyEncodesToTheSameJpegAsThePaintedImage() throws Exception {
        java.awt.image.BufferedImage painted = LesionPainter.paint(96, 64, true, SyntheticLesions.randomFor(4, 2));
        java.awt.image.BufferedImage bytes = SyntheticLesions.toRgbBytes(painted);
        assertEquals(painted.getRGB(17, 23), bytes.getRGB(17, 23));
        Path viaBytes = temp.resolve("bytes.jpg");
        SyntheticLesions.writeJpeg(viaBytes, painted, 0.9f);
        Path direct = temp.resolve("direct.jpg");
        javax.imageio.ImageWriter writer =
                javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        try (javax.imageio.stream.ImageOutputStream out =
                javax.imageio.ImageIO.createImageOutputStream(direct.toFile())) {
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(painted, null, null), param);
        } finally {
            writer.dispose();
        }
        assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(viaBytes));
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
