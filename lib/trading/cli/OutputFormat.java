package trading.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a command prints rows: {@code --format table|json|csv}. */
public enum OutputFormat {
    TABLE, JSON, CSV;

    /** Accepts the lower-case names people type; picocli on its own wants TABLE. */
    public static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a format: use table, json or csv.");
            }
        }
    }
}
