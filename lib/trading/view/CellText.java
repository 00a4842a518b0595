package trading.view;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import trading.query.JsonValue;

/**
 * One query value as text, the same in CSV and in tables: timestamps in ISO-8601 UTC
 * ({@code 2026-01-14T10:00:00.5Z}), numbers as PostgreSQL wrote them (235.00, never
 * 2.35E+2), json as compact JSON, SQL NULL as empty.
 */
public final class CellText {
    private CellText() {}

    public static String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof OffsetDateTime t) {
            return iso(t);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof JsonValue json) {
            // Re-written compactly: PostgreSQL's json_agg text has line breaks between elements.
            return json.node().toString();
        }
        return value.toString();
    }

    /** ISO-8601 in UTC with seconds always present, as JSON output writes timestamps too. */
    public static String iso(OffsetDateTime t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
