package trading.query;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.Locale;
import trading.failure.ToolkitException;

/**
 * One parameter of a {@link CannedQuery}: its name, what kind of value it takes, its
 * default (null: none, or "no limit" for a limit) and one line for --help and --list.
 */
public record QueryParameter(String name, Kind kind, String defaultValue, String description) {

    /** What a parameter accepts; parsing checks it, so bad input never reaches the database. */
    public enum Kind {
        /** A ticker, given as the query's positional argument. */
        SYMBOL("SYMBOL", Types.VARCHAR),
        TEXT("TEXT", Types.VARCHAR),
        /** At most this many rows; 0 or more. */
        LIMIT("N", Types.BIGINT),
        /** A whole number of days back from now. */
        DAYS("N", Types.INTEGER),
        /** A confidence in [0, 1], like the schema's. */
        CONFIDENCE("0..1", Types.NUMERIC);

        // Longer than any real look-back, short enough that now() minus it stays a valid timestamp.
        private static final int MAX_DAYS = 36_500;

        private final String label;
        private final int sqlType;

        Kind(String label, int sqlType) {
            this.label = label;
            this.sqlType = sqlType;
        }

        /** The placeholder shown in usage, e.g. N in {@code --limit N}. */
        public String label() {
            return label;
        }

        /** The java.sql.Types code the value is bound with, so that a null is typed too. */
        public int sqlType() {
            return sqlType;
        }
    }

    public static QueryParameter argument(String name, String description) {
        return new QueryParameter(name, Kind.SYMBOL, null, description);
    }

    public static QueryParameter option(String name, Kind kind, String defaultValue, String description) {
        return new QueryParameter(name, kind, defaultValue, description);
    }

    /** A symbol is the query's positional argument; everything else is an --option. */
    public boolean positional() {
        return kind == Kind.SYMBOL;
    }

    /** How a person writes it: {@code SYMBOL} or {@code --limit}. */
    public String displayName() {
        return positional() ? kind.label() : "--" + name;
    }

    /** {@code SYMBOL} or {@code [--limit N]}, for usage lines. */
    public String usage() {
        return positional() ? kind.label() : "[--" + name + " " + kind.label() + "]";
    }

    /**
     * The bound value for {@code text} (which may be null when the parameter has no
     * default): a String, Long, Integer or BigDecimal. Bad input is a usage error (exit 2).
     */
    public Object parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (kind) {
            // The schema only admits trimmed upper-case symbols, so any other spelling could
            // only ever match nothing; "aapl" means AAPL.
            case SYMBOL -> {
                String symbol = text.strip().toUpperCase(Locale.ROOT);
                if (symbol.isEmpty()) {
                    throw ToolkitException.usage(displayName() + " is empty: give a ticker such as AAPL.");
                }
                yield symbol;
            }
            case TEXT -> text;
            case LIMIT -> {
                long limit = wholeNumber(text);
                if (limit < 0) {
                    throw ToolkitException.usage(displayName() + " " + text + " is negative: give 0 or more rows.");
                }
                yield limit;
            }
            case DAYS -> {
                long days = wholeNumber(text);
                if (days < 0 || days > Kind.MAX_DAYS) {
                    throw ToolkitException.usage(displayName() + " " + text + " is out of range: give a whole number"
                            + " of days from 0 to " + Kind.MAX_DAYS + ".");
                }
                yield (int) days;
            }
            case CONFIDENCE -> {
                BigDecimal confidence;
                try {
                    confidence = new BigDecimal(text.strip());
                } catch (NumberFormatException e) {
                    throw ToolkitException.usage(displayName() + " '" + text + "' is not a number: give a confidence"
                            + " between 0 and 1, such as 0.80.");
                }
                if (confidence.signum() < 0 || confidence.compareTo(BigDecimal.ONE) > 0) {
                    throw ToolkitException.usage(displayName() + " " + text + " is outside [0, 1]: confidences run"
                            + " from 0 to 1, such as 0.80.");
                }
                yield confidence;
            }
        };
    }

    private long wholeNumber(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ToolkitException.usage(displayName() + " '" + text + "' is not a whole number.");
        }
    }
}
