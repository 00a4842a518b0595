package trading.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import trading.failure.ToolkitException;

/**
 * Reads {@code manifest.json} as untrusted input: anyone who can write to a backup folder
 * can edit it, and its names end up in SQL and in file paths. Every field must have exactly
 * the shape that {@link Backup} writes, or the backup is refused with the field's name;
 * see docs/backup-and-restore.md.
 */
final class ManifestReader {
    /** The privileges a schema can have; nothing else is ever passed to GRANT. */
    static final Set<String> SCHEMA_PRIVILEGES = Set.of("USAGE", "CREATE");

    private static final Pattern VERSION = Pattern.compile("\\d{1,18}_[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern DATA_FILE = Pattern.compile("data/[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.copy\\.gz");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_IDENTIFIER_BYTES = 63;

    private final Path file;

    private ManifestReader(Path file) {
        this.file = file;
    }

    static Backup.Manifest read(Path manifestFile) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(manifestFile.toFile());
        } catch (JsonProcessingException e) {
            throw ToolkitException.usage(manifestFile + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage() + ". The backup cannot be restored; nothing was changed.");
        } catch (IOException e) {
            throw ToolkitException.usage("cannot read " + manifestFile + ": " + e.getMessage()
                    + ". The backup cannot be restored; nothing was changed.");
        }
        return new ManifestReader(manifestFile).manifest(root);
    }

    private Backup.Manifest manifest(JsonNode root) {
        // The format first: a newer backup's fields are unknown here, and its format says why.
        String format = text(root, "", "format");
        if (!Backup.FORMAT.equals(format)) {
            throw bad("format", "is '" + shorten(format) + "'; this version reads " + Backup.FORMAT);
        }
        onlyFields(root, "", Set.of("format", "createdAt", "serverVersion", "database", "schema", "schemaOwner",
                "schemaGrants", "migrations", "tables", "sequences"));
        String createdAt = text(root, "", "createdAt");
        try {
            OffsetDateTime.parse(createdAt);
        } catch (DateTimeParseException e) {
            throw bad("createdAt", "is not a date and time");
        }
        // Only shown, never used: older backups hold a masked URL here, and they stay restorable.
        String database = text(root, "", "database");
        List<Backup.Grant> grants = new ArrayList<>();
        for (Element e : array(root, "", "schemaGrants")) {
            onlyFields(e.node, e.path, Set.of("grantee", "privilege"));
            String privilege = text(e.node, e.path, "privilege");
            if (!SCHEMA_PRIVILEGES.contains(privilege)) {
                throw bad(e.path + "privilege", "is '" + shorten(privilege) + "'; it must be one of "
                        + SCHEMA_PRIVILEGES.stream().sorted().toList());
            }
            grants.add(new Backup.Grant(optionalIdentifier(e.node, e.path, "grantee"), privilege));
        }
        List<Backup.SavedMigration> migrations = new ArrayList<>();
        for (Element e : array(root, "", "migrations")) {
            onlyFields(e.node, e.path, Set.of("version", "checksum", "file"));
            String version = matching(e.node, e.path, "version", VERSION, "a migration version such as 001_create_x");
            String checksum = matching(e.node, e.path, "checksum", SHA256, "64 lower-case hex digits");
            String saved = text(e.node, e.path, "file");
            if (!saved.equals("migrations/" + version + ".sql")) {
                throw bad(e.path + "file", "is '" + shorten(saved) + "'; it must be migrations/" + version + ".sql");
            }
            migrations.add(new Backup.SavedMigration(version, checksum, saved));
        }
        List<Backup.TableData> tables = new ArrayList<>();
        for (Element e : array(root, "", "tables")) {
            onlyFields(e.node, e.path, Set.of("name", "columns", "rows", "file", "sha256"));
            List<String> columns = new ArrayList<>();
            for (Element c : array(e.node, e.path, "columns")) {
                columns.add(identifier(c.node, c.path));
            }
            if (columns.isEmpty()) {
                throw bad(e.path + "columns", "is empty");
            }
            tables.add(new Backup.TableData(identifier(e.node, e.path, "name"), columns,
                    integer(e.node, e.path, "rows", false), matching(e.node, e.path, "file", DATA_FILE,
                    "a plain file name in data/ ending in .copy.gz"),
                    matching(e.node, e.path, "sha256", SHA256, "64 lower-case hex digits")));
        }
        List<Backup.SequenceValue> sequences = new ArrayList<>();
        for (Element e : array(root, "", "sequences")) {
            onlyFields(e.node, e.path, Set.of("name", "lastValue"));
            Long lastValue = e.node.hasNonNull("lastValue") ? integer(e.node, e.path, "lastValue", true) : null;
            sequences.add(new Backup.SequenceValue(identifier(e.node, e.path, "name"), lastValue));
        }
        return new Backup.Manifest(format, createdAt, text(root, "", "serverVersion"), database,
                identifier(root, "", "schema"), identifier(root, "", "schemaOwner"), grants, migrations, tables,
                sequences);
    }

    /** One element of a JSON array and its path, such as {@code tables[2].}, for error messages. */
    private record Element(JsonNode node, String path) { }

    private List<Element> array(JsonNode parent, String path, String name) {
        JsonNode node = required(parent, path, name);
        if (!node.isArray()) {
            throw bad(path + name, "must be a list");
        }
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new Element(node.get(i), path + name + "[" + i + "]."));
        }
        return elements;
    }

    private void onlyFields(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            throw bad(path.isEmpty() ? "(top level)" : path.substring(0, path.length() - 1), "must be an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw bad(path + shorten(name), "is not a field of a " + Backup.FORMAT + " manifest");
            }
        }
    }

    private JsonNode required(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw bad(path + name, "is missing");
        }
        return node;
    }

    private String text(JsonNode parent, String path, String name) {
        JsonNode node = required(parent, path, name);
        if (!node.isTextual()) {
            throw bad(path + name, "must be a string");
        }
        return node.asText();
    }

    private String matching(JsonNode parent, String path, String name, Pattern pattern, String what) {
        String value = text(parent, path, name);
        if (!pattern.matcher(value).matches()) {
            throw bad(path + name, "is '" + shorten(value) + "'; it must be " + what);
        }
        return value;
    }

    private long integer(JsonNode parent, String path, String name, boolean negativeAllowed) {
        JsonNode node = required(parent, path, name);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || (!negativeAllowed && node.asLong() < 0)) {
            throw bad(path + name, "must be a whole number" + (negativeAllowed ? "" : ", 0 or more"));
        }
        return node.asLong();
    }

    private String identifier(JsonNode parent, String path, String name) {
        JsonNode node = required(parent, path, name);
        return identifier(node, path + name);
    }

    /** A null grantee is PUBLIC. */
    private String optionalIdentifier(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        return node == null || node.isNull() ? null : identifier(node, path + name);
    }

    /** A name PostgreSQL can hold; it is always double-quoted where it goes into SQL. */
    private String identifier(JsonNode node, String path) {
        String where = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
        if (!node.isTextual()) {
            throw bad(where, "must be a string");
        }
        String value = node.asText();
        if (value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES
                || CONTROL.matcher(value).find()) {
            throw bad(where, "is '" + shorten(value) + "', which is not a PostgreSQL name (1 to 63 bytes, no"
                    + " control characters)");
        }
        return value;
    }

    private ToolkitException bad(String field, String problem) {
        return ToolkitException.usage(file + ": field '" + field + "' " + problem + ". The manifest was changed or"
                + " damaged, so the backup cannot be restored safely; nothing was changed.");
    }

    private static String shorten(String value) {
        String oneLine = CONTROL.matcher(value).replaceAll("?");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
