package org.jgrad.vision.reliability;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.jgrad.vision.TestFiles;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.image.BadImageException;
import org.jgrad.vision.image.ResizeMode;
import org.jgrad.vision.image.SquareDecoder;
import org.jgrad.vision.loader.DataLoader;
import org.jgrad.vision.loader.Epoch;
import org.jgrad.vision.loader.LoaderOptions;
import org.jgrad.vision.loader.PixelCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images and caches whose headers declare absurd sizes, generated here: refused from the header
 * (a bad image, skipped with skip-bad) or, for the pixel cache, rebuilt, instead of gigabytes of
 * allocation or a raw "Negative size".
 */
class HostileImageTest {
    @TempDir
    Path dir;

    /** A PNG whose header says width×height (8-bit RGB) followed by a tiny, wrong IDAT: only the header matters. */
    static Path pngHeader(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        Files.write(file, out.toByteArray());
        return file;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void aPngDeclaringAGigapixelRowIsRefusedFromItsHeader() throws IOException {
        Path bomb = pngHeader(dir.resolve("bomb.png"), 1 << 30, 1);
        BadImageException e =
                assertThrows(BadImageException.class, () -> SquareDecoder.decode(bomb, 32, ResizeMode.STRETCH));
        assertTrue(
                e.getMessage().contains("bomb.png") && e.getMessage().contains("1073741824×1 pixels, beyond the limit"),
                e.getMessage());
        Path square =
                pngHeader(dir.resolve("square-bomb.png"), 15_000, 15_000); // each side allowed, 225 megapixels not
        assertThrows(BadImageException.class, () -> SquareDecoder.decode(square, 32, ResizeMode.STRETCH));
    }

    @Test
    void skipBadSkipsADecompressionBomb() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            samples.add(new Sample(
                    "ok" + i, TestFiles.jpeg(dir.resolve("ok" + i + ".jpg"), 16, 16, i), i % 2, null, "x", Map.of()));
        }
        samples.add(new Sample(
                "bomb", pngHeader(dir.resolve("bomb.png"), 1 << 30, 1), 1, null, "labels.csv, line 5", Map.of()));
        LoaderOptions options = LoaderOptions.evaluation(8, 4)
                .withThreads(1, 1)
                .withCacheDir(dir.resolve("cache"))
                .withSkipBad(true);
        try (DataLoader loader = DataLoader.open(samples, options);
                Epoch epoch = loader.epoch(0)) {
            assertEquals(3, epoch.next().size());
            assertEquals(1, loader.skipped().size());
            assertTrue(loader.skippedSummary().contains("bomb.png"), loader.skippedSummary());
        }
    }

    @Test
    void aPixelCacheClaimingAnAbsurdEntryCountIsRebuilt() throws IOException {
        Path cacheDir = dir.resolve("cache");
        try (PixelCache cache = PixelCache.open(cacheDir, 8, ResizeMode.STRETCH)) {
            assertEquals(0, cache.entryCount());
        }
        Path file = cacheDir.resolve("pixels-8-stretch.bin");
        // 2^55 entries of 256 bytes (8 px) overflow the file length to a negative number; 10^15 is merely absurd
        for (long count : new long[] {1L << 55, 1_000_000_000_000_000L, -1}) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.write(
                        ByteBuffer.allocate(8)
                                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                                .putLong(0, count),
                        24); // the count field
            }
            try (PixelCache cache = PixelCache.open(cacheDir, 8, ResizeMode.STRETCH)) {
                assertTrue(cache.wasRebuilt(), "count " + count);
                assertEquals(0, cache.entryCount());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> PixelCache.open(cacheDir, 65536, ResizeMode.STRETCH));
    }

    @Test
    void aCmykJpegDecodesWithApproximateColours() throws IOException {
        // As Photoshop stores CMYK (Adobe: inverted values): cyan 200, magenta 20, yellow 20, black 0.
        java.awt.image.WritableRaster raster =
                java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                raster.setPixel(x, y, new int[] {255 - 200, 255 - 20, 255 - 20, 255});
            }
        }
        Path file = dir.resolve("cmyk.jpg");
        javax.imageio.ImageWriter writer =
                javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        try (javax.imageio.stream.ImageOutputStream out =
                javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        byte[] chw = SquareDecoder.decode(file, 4, ResizeMode.STRETCH);
        int r = chw[0] & 0xFF, g = chw[16] & 0xFF, b = chw[32] & 0xFF;
        assertTrue(g > 200 && b > 200 && r < g - 60, "a light cyan, got " + r + "," + g + "," + b);
    }
}
