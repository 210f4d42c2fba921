package org.jgrad.vision.synth;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The synthetic data set generator (the {@code synth} command's API).
 *
 * <p>Writes {@code out/images/SYN_0000000.jpg ...} and {@code out/ISIC_2019_Training_GroundTruth.csv}
 * (malignant images have {@code MEL=1.0}, benign ones {@code NV=1.0}), so the ISIC 2019 reader
 * reads it like real data. Exactly {@code round(count × malignantFraction)} images are malignant;
 * which ones, and every pixel, depend only on the seed: image {@code i} is painted with a
 * generator seeded from (seed, i), so the thread pool cannot change the result.
 */
public final class SyntheticLesions {
    /** The file names the generated folder uses. */
    public static final String CSV_NAME = "ISIC_2019_Training_GroundTruth.csv";

    public static final String IMAGE_FOLDER = "images";

    private SyntheticLesions() {}

    /** Generates {@code count} images with default options (256×192, 20% malignant). */
    public static SynthResult generate(Path out, int count, long seed) {
        return generate(out, count, seed, SynthOptions.defaults());
    }

    /** Generates {@code count} images into {@code out}; returns what was written. */
    public static SynthResult generate(Path out, int count, long seed, SynthOptions options) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
        long start = System.nanoTime();
        boolean[] malignant = chooseMalignant(count, options.malignantFraction(), seed);
        Path imageDir = out.resolve(IMAGE_FOLDER);
        try {
            Files.createDirectories(imageDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + imageDir, e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                jobs.add(pool.submit(() -> writeJpeg(
                        imageDir.resolve(idOf(index) + ".jpg"),
                        LesionPainter.paint(
                                options.width(), options.height(), malignant[index], randomFor(seed, index)),
                        options.jpegQuality())));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("generating a synthetic image failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Path csv = out.resolve(CSV_NAME);
        writeCsv(csv, malignant);
        int malignantCount = 0;
        for (boolean m : malignant) {
            malignantCount += m ? 1 : 0;
        }
        return new SynthResult(out, csv, count, malignantCount, (System.nanoTime() - start) / 1e9);
    }

    /** The image id of image {@code index}: {@code SYN_0000042}. */
    public static String idOf(int index) {
        return String.format("SYN_%07d", index);
    }

    /** Exactly round(count × fraction) malignant flags, placed by a seeded shuffle. */
    static boolean[] chooseMalignant(int count, double fraction, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        boolean[] malignant = new boolean[count];
        int wanted = (int) Math.round(count * fraction);
        for (int i = 0; i < wanted; i++) {
            malignant[order.get(i)] = true;
        }
        return malignant;
    }

    static Random randomFor(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    static void writeJpeg(Path file, BufferedImage painted, float quality) {
        BufferedImage image = toRgbBytes(painted);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(file.toFile())) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * The same pixels as 8-bit RGB-ordered bytes. The JPEG writer copies each scanline of such an
     * image with one array copy; from the painter's packed ints it converts pixel by pixel (about
     * 15% of the generation time). The encoder sees the same samples, so the file is the same.
     */
    static BufferedImage toRgbBytes(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        int[] packed = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        BufferedImage rgb = ImageTypeSpecifier.createInterleaved(
                        ColorSpace.getInstance(ColorSpace.CS_sRGB),
                        new int[] {0, 1, 2},
                        DataBuffer.TYPE_BYTE,
                        false,
                        false)
                .createBufferedImage(image.getWidth(), image.getHeight());
        byte[] bytes = ((DataBufferByte) rgb.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < packed.length; i++) {
            bytes[3 * i] = (byte) (packed[i] >> 16);
            bytes[3 * i + 1] = (byte) (packed[i] >> 8);
            bytes[3 * i + 2] = (byte) packed[i];
        }
        return rgb;
    }

    private static void writeCsv(Path csv, boolean[] malignant) {
        String[] header = {"image", "MEL", "NV", "BCC", "AK", "BKL", "DF", "VASC", "SCC", "UNK"};
        try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                CSVPrinter printer =
                        CSVFormat.DEFAULT.builder().setHeader(header).get().print(writer)) {
            for (int i = 0; i < malignant.length; i++) {
                String mel = malignant[i] ? "1.0" : "0.0";
                String nv = malignant[i] ? "0.0" : "1.0";
                printer.printRecord(idOf(i), mel, nv, "0.0", "0.0", "0.0", "0.0", "0.0", "0.0", "0.0");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv, e);
        }
    }
}
