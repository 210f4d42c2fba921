package org.jgrad.vision.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.jgrad.vision.image.ResizeMode;

/**
 * Resized pixels of many images in one file, {@code <cacheDir>/pixels-<size>-<mode>.bin}, read
 * through memory maps.
 *
 * <pre>
 * header (64 bytes, little-endian): magic "JGRADPX1", int version, int size, int channels,
 *                                   int resize-mode ordinal, long entry count, zero padding
 * entry i at 64 + i * (64 + 3*size*size):
 *     32-byte key (see CacheKey), int CRC-32 of the pixels, int 1 when complete, 24 bytes padding,
 *     then 3*size*size uint8 pixels in CHW order
 * </pre>
 * A file whose header does not match, or whose entry count is negative, beyond an int or more
 * than its length holds, is damaged and rebuilt from scratch; an entry whose CRC does not match is re-decoded in place; bytes past
 * the last counted entry (an interrupted run) are cut off. Stale entries (the source changed)
 * are never looked up again; they only cost space until the file is deleted.
 */
public final class PixelCache implements AutoCloseable {
    static final byte[] MAGIC = "JGRADPX1".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = 64;
    static final int ENTRY_HEADER_BYTES = 64;
    /** The largest image side cached: an entry (3 × size² bytes) must stay far below 2 GB. */
    static final int MAX_SIZE = 4096;

    private static final long CHUNK_BYTES = 1L << 30; // one memory map covers at most ~1 GiB

    private final Path file;
    private final int size;
    private final ResizeMode mode;
    private final int pixelBytes;
    private final long entryBytes;
    private final FileChannel channel;
    private final Map<String, Integer> slotByKey = new HashMap<>();
    private final List<MappedByteBuffer> maps = new ArrayList<>();
    private long entryCount;
    private boolean rebuilt;

    private PixelCache(Path file, int size, ResizeMode mode) throws IOException {
        this.file = file;
        this.size = size;
        this.mode = mode;
        this.pixelBytes = 3 * size * size;
        this.entryBytes = ENTRY_HEADER_BYTES + (long) pixelBytes;
        this.channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** The default cache folder, {@code ~/.cache/jgrad}. */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".cache", "jgrad");
    }

    /** Opens (creating, repairing or rebuilding as needed) the cache for {@code size} and {@code mode}. */
    public static PixelCache open(Path cacheDir, int size, ResizeMode mode) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException(
                    "pixel cache: image size must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        Path file = cacheDir.resolve("pixels-" + size + "-" + mode.cliName() + ".bin");
        try {
            Files.createDirectories(cacheDir);
            PixelCache cache = new PixelCache(file, size, mode);
            cache.load();
            return cache;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open pixel cache " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** True when the file was found damaged and started again empty. */
    public boolean wasRebuilt() {
        return rebuilt;
    }

    /** Number of entries in the file (including stale ones). */
    public synchronized long entryCount() {
        return entryCount;
    }

    /** Bytes per image: 3 × size × size. */
    public int pixelBytes() {
        return pixelBytes;
    }

    /** The slot holding {@code key}, or -1. */
    synchronized int find(byte[] key) {
        Integer slot = slotByKey.get(CacheKey.hex(key));
        return slot == null ? -1 : slot;
    }

    /** Appends an entry and returns its slot. */
    synchronized int append(byte[] key, byte[] pixels) {
        int slot = (int) entryCount;
        writeEntry(slot, key, pixels);
        entryCount++;
        writeHeader();
        slotByKey.put(CacheKey.hex(key), slot);
        return slot;
    }

    /** Overwrites a damaged entry in place. */
    synchronized void overwrite(int slot, byte[] key, byte[] pixels) {
        writeEntry(slot, key, pixels);
    }

    /** Copies the pixels of {@code slot} into {@code out}; false when its checksum does not match. */
    boolean read(int slot, byte[] out) {
        MappedByteBuffer map = mapFor(slot);
        int offset = offsetInMap(slot);
        int storedCrc = map.getInt(offset + CacheKey.BYTES);
        map.get(offset + ENTRY_HEADER_BYTES, out, 0, pixelBytes);
        return storedCrc == crc(out);
    }

    /** Forces writes to disk and drops the memory maps, so they are rebuilt over the grown file. */
    public synchronized void flush() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        maps.clear();
    }

    @Override
    public synchronized void close() {
        maps.clear();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    // ---- file format ----

    private void load() throws IOException {
        long length = channel.size();
        if (length == 0) {
            writeHeader();
            return;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(header, 0);
        header.flip();
        byte[] magic = new byte[MAGIC.length];
        boolean valid = header.remaining() == HEADER_BYTES;
        long count = 0;
        if (valid) {
            header.get(magic);
            int version = header.getInt();
            int storedSize = header.getInt();
            int channels = header.getInt();
            int storedMode = header.getInt();
            count = header.getLong();
            // The count sizes everything after it: it must fit the file (without overflowing) and an int slot.
            long fits = (length - HEADER_BYTES) / entryBytes;
            valid = Arrays.equals(magic, MAGIC)
                    && version == VERSION
                    && storedSize == size
                    && channels == 3
                    && storedMode == mode.ordinal()
                    && count >= 0
                    && count <= fits
                    && count <= Integer.MAX_VALUE;
        }
        if (!valid) {
            rebuilt = true;
            channel.truncate(0);
            writeHeader();
            return;
        }
        channel.truncate(HEADER_BYTES + count * entryBytes); // drop a half-written tail
        entryCount = count;
        ByteBuffer entryHeader = ByteBuffer.allocate(ENTRY_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int slot = 0; slot < count; slot++) {
            entryHeader.clear();
            channel.read(entryHeader, HEADER_BYTES + slot * entryBytes);
            byte[] key = new byte[CacheKey.BYTES];
            entryHeader.get(0, key);
            if (entryHeader.getInt(CacheKey.BYTES + 4) == 1) {
                slotByKey.put(CacheKey.hex(key), slot);
            }
        }
    }

    private void writeHeader() {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC)
                .putInt(VERSION)
                .putInt(size)
                .putInt(3)
                .putInt(mode.ordinal())
                .putLong(entryCount);
        header.position(0).limit(HEADER_BYTES);
        writeFully(header, 0);
    }

    private void writeEntry(int slot, byte[] key, byte[] pixels) {
        if (pixels.length != pixelBytes) {
            throw new IllegalArgumentException("expected " + pixelBytes + " pixel bytes, got " + pixels.length);
        }
        ByteBuffer entry = ByteBuffer.allocate((int) entryBytes).order(ByteOrder.LITTLE_ENDIAN);
        entry.put(key).putInt(crc(pixels)).putInt(1);
        entry.position(ENTRY_HEADER_BYTES);
        entry.put(pixels);
        entry.flip();
        writeFully(entry, HEADER_BYTES + slot * entryBytes);
    }

    private void writeFully(ByteBuffer buffer, long position) {
        try {
            long at = position;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private int entriesPerMap() {
        return (int) Math.max(1, CHUNK_BYTES / entryBytes);
    }

    private synchronized MappedByteBuffer mapFor(int slot) {
        int chunk = slot / entriesPerMap();
        while (maps.size() <= chunk) {
            int index = maps.size();
            long firstSlot = (long) index * entriesPerMap();
            long entries = Math.min(entriesPerMap(), entryCount - firstSlot);
            try {
                MappedByteBuffer map = channel.map(
                        FileChannel.MapMode.READ_ONLY, HEADER_BYTES + firstSlot * entryBytes, entries * entryBytes);
                map.order(ByteOrder.LITTLE_ENDIAN);
                maps.add(map);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map " + file, e);
            }
        }
        MappedByteBuffer map = maps.get(chunk);
        if (offsetInMap(slot) + entryBytes > map.capacity()) { // the file grew since this map was made
            maps.subList(chunk, maps.size()).clear();
            return mapFor(slot);
        }
        return map;
    }

    private int offsetInMap(int slot) {
        return (int) ((slot % entriesPerMap()) * entryBytes);
    }

    static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
