package trading.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A json or jsonb value as PostgreSQL sent it. It is parsed only when {@link #node()} is
 * called: a caller that prints a table of symbols, or passes the rows on, does not pay
 * for parsing every rationale (most of the client's time on a large result).
 */
public record JsonValue(String text) {
    // Floats as BigDecimal, trailing zeros kept: a price of 140.00 in a target list must not become 140.0 or 1.4E+2.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** The parsed value; parsed again on every call, so keep it when it is needed twice. */
    public JsonNode node() {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL returned JSON that does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
