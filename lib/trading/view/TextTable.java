package trading.view;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain aligned text table: a header row, then rows, columns padded to the widest cell.
 * Cells are escaped ({@link TerminalText#cell}) and measured in terminal columns
 * ({@link DisplayWidth}), so stored control characters cannot act on the terminal and
 * CJK or emoji keep the columns aligned.
 */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public TextTable(String... header) {
        this.columns = header.length;
        rows.add(cells((Object[]) header));
    }

    public TextTable row(Object... cells) {
        rows.add(cells(cells));
        return this;
    }

    private String[] cells(Object... cells) {
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) {
            text[i] = i < cells.length && cells[i] != null ? TerminalText.cell(cells[i].toString()) : "";
        }
        return text;
    }

    public void print(PrintWriter out) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], DisplayWidth.of(row[i]));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i < columns - 1 ? DisplayWidth.pad(row[i], widths[i] + 2) : row[i]);
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
