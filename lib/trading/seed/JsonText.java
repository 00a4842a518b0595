package trading.seed;

import java.util.List;

/**
 * Builds the text of a JSON object field by field, keeping the fields in the order they
 * are added. Generated JSONB needs no parsing library and comes out the same every time.
 */
final class JsonText {
    private final StringBuilder out = new StringBuilder(256).append('{');
    private boolean empty = true;

    public JsonText string(String name, String value) {
        quoted(key(name), value);
        return this;
    }

    /** A decimal number given as {@code unscaled} units of 10^-scale. */
    public JsonText number(String name, long unscaled, int scale) {
        FixedPoint.append(key(name), unscaled, scale);
        return this;
    }

    public JsonText integer(String name, long value) {
        key(name).append(value);
        return this;
    }

    public JsonText bool(String name, boolean value) {
        key(name).append(value);
        return this;
    }

    public JsonText strings(String name, List<String> values) {
        StringBuilder b = key(name).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            quoted(b, values.get(i));
        }
        b.append(']');
        return this;
    }

    public JsonText object(String name, JsonText value) {
        key(name).append(value);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

    private StringBuilder key(String name) {
        if (!empty) {
            out.append(", ");
        }
        empty = false;
        return quoted(out, name).append(": ");
    }

    private static StringBuilder quoted(StringBuilder b, String text) {
        b.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"');
    }
}
