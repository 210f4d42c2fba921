package org.jgrad.examples;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A numeric table read from a CSV file with a header (Apache Commons CSV): every column but the
 * label is a feature; the label column holds 0 or 1. Errors name the file, line and column.
 */
record Table(List<String> featureNames, float[][] features, int[] labels) {

    static Table readCsv(Path file, String labelColumn) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(file); CSVParser csv = CSVParser.parse(in, format)) {
            List<String> names = new ArrayList<>(csv.getHeaderNames());
            if (!names.remove(labelColumn)) throw new IOException(file + ": no column '" + labelColumn + "' in the header " + names);
            List<float[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (CSVRecord r : csv) {
                if (!r.isConsistent()) throw new IOException(file + " line " + r.getParser().getCurrentLineNumber() + ": "
                        + r.size() + " fields, the header has " + (names.size() + 1));
                float[] row = new float[names.size()];
                for (int j = 0; j < row.length; j++) row[j] = number(file, r, names.get(j));
                float label = number(file, r, labelColumn);
                if (label != 0 && label != 1) throw new IOException(where(file, r, labelColumn) + ": the label must be 0 or 1, got " + r.get(labelColumn));
                rows.add(row);
                labels.add((int) label);
            }
            return new Table(names, rows.toArray(new float[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    int rows() { return labels.length; }

    private static float number(Path file, CSVRecord r, String column) throws IOException {
        try {
            return Float.parseFloat(r.get(column).trim());
        } catch (NumberFormatException e) {
            throw new IOException(where(file, r, column) + ": not a number: '" + r.get(column) + "'");
        }
    }

    private static String where(Path file, CSVRecord r, String column) {
        return file + " line " + r.getParser().getCurrentLineNumber() + " column " + column;
    }
}
