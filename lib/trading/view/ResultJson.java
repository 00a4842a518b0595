package trading.view;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.List;
import trading.query.JsonValue;
import trading.query.QueryResult;

/**
 * Writes a {@link QueryResult} as a JSON array of objects, one per row, keyed by column
 * name: numbers as JSON numbers with their scale (235.00), timestamps as ISO-8601 UTC
 * strings, json columns nested as JSON, SQL NULL as null; control characters escaped
 * ({@link JsonEscapes}). Streams, so a large result is not built twice in memory.
 */
public final class ResultJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private ResultJson() {}

    public static void write(QueryResult result, PrintWriter out) {
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.setCharacterEscapes(JsonEscapes.INSTANCE);
            json.writeStartArray();
            List<String> columns = result.columns();
            for (List<Object> row : result.rows()) {
                json.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    json.writeFieldName(columns.get(i));
                    value(json, row.get(i));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger b) {
            json.writeNumber(b);
        } else if (value instanceof Double || value instanceof Float) {
            json.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof JsonValue j) {
            json.writeTree(j.node());
        } else if (value instanceof OffsetDateTime t) {
            json.writeString(CellText.iso(t));
        } else {
            json.writeString(value.toString());
        }
    }
}
