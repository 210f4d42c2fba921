package org.jgrad.vision.data;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header, read with Apache Commons CSV, whose rows remember their line number
 * so every error can name the file and line. Rows with the wrong number of fields are reported
 * through the {@link BadItemLog} (thrown, or skipped and listed).
 */
public final class CsvTable {
    /** One data row: its 1-based line in the file and its fields by column name. */
    public record Row(long line, Map<String, String> fields) {
        public String get(String column) {
            return fields.get(column);
        }
    }

    private final Path file;
    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The largest CSV file read whole (the ISIC label and metadata files are a few MB). */
    public static final long MAX_FILE_BYTES = 256L << 20;
    /** The longest line of a CSV file, in characters. */
    public static final int MAX_LINE_CHARS = 1 << 20;

    /**
     * Reads only the header line of {@code file} (trimmed names; a UTF-8 BOM is dropped); empty when
     * the file is not a regular file or its first line is not a readable CSV header. Bytes that are
     * not UTF-8 are replaced here, so that a Latin-1 label file is still recognised, and then
     * refused with a clear message by {@link #read}.
     */
    public static List<String> readHeader(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (Reader reader = new BoundedLineReader(
                        new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), MAX_LINE_CHARS);
                CSVParser parser = format().parse(reader)) {
            return cleanHeader(parser.getHeaderNames());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Reads the whole file; rows with a wrong field count go to {@code log}. The file must be a
     * regular file of at most {@link #MAX_FILE_BYTES} bytes, in UTF-8, with lines of at most
     * {@link #MAX_LINE_CHARS} characters; else a {@link BadInputException} names it.
     */
    public static CsvTable read(Path file, BadItemLog log) {
        return read(file, null, log);
    }

    /**
     * Reads a file that has no header line (ISIC 2016 ships its ground truth so), naming its
     * columns {@code columns}; every line is a data row. The same limits as {@link #read(Path, BadItemLog)} apply.
     */
    public static CsvTable readWithoutHeader(Path file, List<String> columns, BadItemLog log) {
        return read(file, List.copyOf(columns), log);
    }

    private static CsvTable read(Path file, List<String> givenHeader, BadItemLog log) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, 0, "not a regular file");
        }
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (bytes > MAX_FILE_BYTES) {
            throw new BadInputException(
                    file,
                    0,
                    "CSV file of " + bytes + " bytes is larger than the " + (MAX_FILE_BYTES >> 20)
                            + " MB a label file may have");
        }
        CSVFormat format = givenHeader == null
                ? format()
                : CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
        try (Reader reader =
                        new BoundedLineReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), MAX_LINE_CHARS);
                CSVParser parser = format.parse(reader)) {
            List<String> header = givenHeader == null ? cleanHeader(parser.getHeaderNames()) : givenHeader;
            if (header.isEmpty()) {
                throw new BadInputException(file, 1, "missing header line");
            }
            long firstLine = givenHeader == null ? 1 : 0; // the header, when there is one, is line 1
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + firstLine;
                if (record.size() != header.size()) {
                    log.report(new BadItem(
                            file,
                            line,
                            "expected " + header.size() + " fields (" + String.join(",", header) + ") but found "
                                    + record.size()));
                    continue;
                }
                Map<String, String> fields = new java.util.LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    fields.put(
                            header.get(i), record.get(i).replace("\uFEFF", "").trim());
                }
                rows.add(new Row(line, fields));
            }
            return new CsvTable(file, header, rows);
        } catch (IOException | UncheckedIOException e) {
            throw readFailure(file, e instanceof UncheckedIOException u ? u.getCause() : e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            if (e instanceof BadInputException) {
                throw e;
            }
            if (e.getCause() instanceof IOException io) {
                throw readFailure(file, io);
            }
            throw new BadInputException(file, 0, "malformed CSV: " + e.getMessage());
        }
    }

    /** A clear message for what went wrong while reading: a line too long, bytes that are not UTF-8, or an I/O error. */
    private static RuntimeException readFailure(Path file, Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof BoundedLineReader.LineTooLongException tooLong) {
                return new BadInputException(
                        file,
                        tooLong.line,
                        "line longer than " + MAX_LINE_CHARS + " characters (not a CSV label file, or a damaged one)");
            }
            if (c instanceof CharacterCodingException) {
                return new BadInputException(
                        file,
                        0,
                        "not UTF-8 text" + " (saved as Latin-1 or another encoding?); save it as UTF-8 and try again");
            }
        }
        return new UncheckedIOException(
                "cannot read " + file + ": " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
    }

    /** Parses a 0/1 label written as {@code 0}, {@code 1}, {@code 0.0} or {@code 1.0}; else reports. */
    public static int parseZeroOne(String text, Path file, long line, String column) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new BadInputException(file, line, "column " + column + " must be 0 or 1 but is '" + text + "'");
        }
        if (value != 0.0 && value != 1.0) {
            throw new BadInputException(file, line, "column " + column + " must be 0 or 1 but is '" + text + "'");
        }
        return (int) value;
    }

    private static CSVFormat format() {
        return CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .setAllowDuplicateHeaderNames(true)
                .get();
    }

    private static List<String> cleanHeader(List<String> names) {
        List<String> clean = new ArrayList<>();
        for (String name : names) {
            clean.add(name.replace("\uFEFF", "").trim());
        }
        return clean;
    }
}
