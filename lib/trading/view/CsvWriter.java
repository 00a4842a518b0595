package trading.view;

import java.io.PrintWriter;
import java.util.List;

/**
 * Writes CSV as RFC 4180 has it: records end in CRLF, and a field holding a comma, a
 * double quote, CR or LF is put in double quotes with its quotes doubled. Other fields
 * are written as they are, so a spreadsheet and {@code python -m csv} read back exactly
 * what was written.
 */
public final class CsvWriter {
    private final PrintWriter out;

    public CsvWriter(PrintWriter out) {
        this.out = out;
    }

    /** One record; a null field is written empty. */
    public void record(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quoted(fields.get(i)));
        }
        out.print(line.append("\r\n"));
    }

    static String quoted(String field) {
        if (field == null) {
            return "";
        }
        boolean needsQuotes = field.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
