package trading.query;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The rows a query returned, as plain Java values: String, Integer, Long, BigDecimal
 * (numeric keeps its scale: 235.00 stays 235.00), Boolean, UUID, OffsetDateTime
 * (timestamptz), LocalDate, LocalDateTime, and {@link JsonValue} for json and jsonb
 * columns; null for SQL NULL.
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The index of a column by name, or -1. */
    public int column(String name) {
        return columns.indexOf(name);
    }

    /** Reads every row of {@code rs}. */
    public static QueryResult read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int count = meta.getColumnCount();
        String[] names = new String[count];
        String[] types = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = meta.getColumnLabel(i + 1);
            types[i] = meta.getColumnTypeName(i + 1);
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[count];
            for (int i = 0; i < count; i++) {
                row[i] = value(rs, i + 1, types[i]);
            }
            rows.add(Collections.unmodifiableList(Arrays.asList(row)));
        }
        return new QueryResult(Arrays.asList(names), rows);
    }

    private static Object value(ResultSet rs, int column, String type) throws SQLException {
        Object value = switch (type) {
            case "timestamptz" -> rs.getObject(column, OffsetDateTime.class);
            case "timestamp" -> rs.getObject(column, LocalDateTime.class);
            case "date" -> rs.getObject(column, LocalDate.class);
            case "json", "jsonb" -> {
                String text = rs.getString(column);
                yield text == null ? null : new JsonValue(text);
            }
            default -> rs.getObject(column);
        };
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof UUID || value instanceof OffsetDateTime || value instanceof LocalDate
                || value instanceof LocalDateTime || value instanceof JsonValue) {
            return value;
        }
        // Driver-specific objects (intervals, arrays, ...) become their PostgreSQL text.
        return rs.getString(column);
    }
}
