package trading.view;

/** How a command prints rows: {@code --format table|json|csv}. */
public enum OutputFormat {
    TABLE, JSON, CSV
}
