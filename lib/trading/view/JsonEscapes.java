package trading.view;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * JSON output with every control character escaped. JSON itself requires it only for
 * U+0000 to U+001F, which Jackson always escapes; DEL and the C1 characters (U+0080 to
 * U+009F) are legal raw, but JSON output is often read on a terminal, where they act
 * (U+009B starts an escape sequence). Escaped as {@code \u007F}, they still parse back
 * to exactly the stored text.
 */
final class JsonEscapes extends CharacterEscapes {
    private static final int[] ASCII = standardAsciiEscapesForJSON();

    static {
        ASCII[0x7F] = ESCAPE_STANDARD;
    }

    static final JsonEscapes INSTANCE = new JsonEscapes();

    /** Pretty-printed JSON with these escapes, as status, migrate --dry-run and seed print it. */
    static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter().with(INSTANCE);

    private JsonEscapes() {}

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return ch >= 0x80 && ch <= 0x9F ? new SerializedString(String.format("\\u%04X", ch)) : null;
    }
}
