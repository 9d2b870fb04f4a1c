package dev.concurrencylab.core.lesson;

import java.io.PrintStream;
import java.util.List;

/** A plain-text table with aligned columns; the first row is the header. */
public final class TextTable {

    private TextTable() {}

    public static void print(PrintStream out, List<List<String>> rows) {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < columns; c++) {
                String cell = rows.get(r).get(c);
                line.append(c < columns - 1 ? String.format("%-" + widths[c] + "s  ", cell) : cell);
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder("  ");
                for (int c = 0; c < columns; c++) {
                    rule.append("-".repeat(c < columns - 1 ? widths[c] : rows.getFirst().get(c).length()));
                    rule.append(c < columns - 1 ? "  " : "");
                }
                out.println(rule);
            }
        }
    }
}
