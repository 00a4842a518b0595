import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The same migrations written once for every tool: the project's schema files followed
 * by {@code count} small generated ones. The toolkit gets {@code {n}_{name}.sql}, Flyway
 * gets byte-identical files named {@code V{n}__{name}.sql}, Liquibase a formatted SQL
 * changelog with one changeset per file (not split by Liquibase), and the psql floor a driver script that runs
 * each file between BEGIN and COMMIT together with its history insert.
 *
 * <p>The generated files cycle through four kinds, on one table per group of four: a
 * table with an index, an added column, a view, and a plpgsql function whose {@code $$}
 * body holds semicolons (the statement splitter has to get it right).
 */
record SyntheticMigrations(Path toolkitDir, Path flywayDir, Path liquibaseChangelog, Path psqlDriver, int files) {

    /** One migration: its number, its name part and its SQL. */
    private record Migration(int number, String name, String sql) {
        String toolkitFileName() {
            return String.format("%03d_%s.sql", number, name);
        }

        String version() {
            return toolkitFileName().substring(0, toolkitFileName().length() - ".sql".length());
        }
    }

    /** Writes every form under {@code base}: the schema files from {@code schemaDir} plus {@code count} generated. */
    static SyntheticMigrations write(Path base, Path schemaDir, int count) throws IOException {
        List<Migration> migrations = new ArrayList<>(schema(schemaDir));
        int next = migrations.get(migrations.size() - 1).number() + 1;
        for (int i = 0; i < count; i++) {
            migrations.add(generated(next + i, i));
        }
        Path toolkit = Files.createDirectories(base.resolve("toolkit"));
        Path flyway = Files.createDirectories(base.resolve("flyway"));
        StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n");
        StringBuilder driver = new StringBuilder("\\set ON_ERROR_STOP on\n")
                .append("CREATE TABLE floor_history (version TEXT PRIMARY KEY, name TEXT NOT NULL,")
                .append(" checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());\n");
        for (Migration m : migrations) {
            Path file = toolkit.resolve(m.toolkitFileName());
            Files.writeString(file, m.sql(), StandardCharsets.UTF_8);
            Files.writeString(flyway.resolve("V" + m.number() + "__" + m.name() + ".sql"), m.sql(), StandardCharsets.UTF_8);
            // Liquibase's own splitter cuts $$ bodies at their semicolons (the schema's first function
            // fails), so each file goes to the driver whole, as Liquibase's docs advise for plpgsql.
            changelog.append("\n--changeset bench:").append(m.number()).append(" splitStatements:false\n").append(m.sql());
            driver.append("BEGIN;\n\\i ").append(psqlQuote(file.toString())).append('\n')
                    .append("INSERT INTO floor_history (version, name, checksum) VALUES ('").append(m.version())
                    .append("', '").append(m.name()).append("', '").append(sha256(m.sql())).append("');\n")
                    .append("COMMIT;\n");
        }
        Path changelogFile = base.resolve("liquibase").resolve("changelog.sql");
        Files.createDirectories(changelogFile.getParent());
        Files.writeString(changelogFile, changelog, StandardCharsets.UTF_8);
        Path driverFile = base.resolve("psql-floor.sql");
        Files.writeString(driverFile, driver, StandardCharsets.UTF_8);
        return new SyntheticMigrations(toolkit, flyway, changelogFile, driverFile, migrations.size());
    }

    /** The project's own up migrations, in number order. */
    private static List<Migration> schema(Path schemaDir) throws IOException {
        List<Migration> result = new ArrayList<>();
        try (var list = Files.list(schemaDir)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.matches("\\d+_[A-Za-z0-9_]+\\.sql")) {
                    int underscore = name.indexOf('_');
                    result.add(new Migration(Integer.parseInt(name.substring(0, underscore)),
                            name.substring(underscore + 1, name.length() - ".sql".length()),
                            Files.readString(p, StandardCharsets.UTF_8)));
                }
            }
        }
        if (result.isEmpty()) {
            throw new IllegalStateException("no migrations in " + schemaDir);
        }
        return result;
    }

    private static Migration generated(int number, int index) {
        int table = index / 4;
        String t = "bench_t" + table;
        return switch (index % 4) {
            case 0 -> new Migration(number, "create_" + t, "-- Description: bench table " + table + " with an index\n"
                    + "CREATE TABLE " + t + " (\n"
                    + "    id BIGSERIAL PRIMARY KEY,\n"
                    + "    symbol TEXT NOT NULL,\n"
                    + "    price NUMERIC(12, 4) NOT NULL CHECK (price > 0),\n"
                    + "    created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n"
                    + ");\n"
                    + "CREATE INDEX " + t + "_symbol_idx ON " + t + " (symbol, created_at DESC);\n");
            case 1 -> new Migration(number, "add_note_to_" + t, "-- Description: a note on bench table " + table + "\n"
                    + "ALTER TABLE " + t + " ADD COLUMN note TEXT;\n");
            case 2 -> new Migration(number, "create_view_" + table, "-- Description: a view over bench table " + table + "\n"
                    + "CREATE VIEW bench_v" + table + " AS\n"
                    + "    SELECT id, symbol, price, note FROM " + t + " WHERE note IS NOT NULL;\n");
            default -> new Migration(number, "create_function_" + table,
                    "-- Description: a plpgsql function for bench table " + table + "\n"
                    + "CREATE FUNCTION bench_f" + table + "(p NUMERIC) RETURNS NUMERIC\n"
                    + "LANGUAGE plpgsql AS $$\n"
                    + "DECLARE\n"
                    + "    result NUMERIC;\n"
                    + "BEGIN\n"
                    + "    result := p * 2;\n"
                    + "    IF result > 100 THEN\n"
                    + "        result := result - 1; -- a semicolon; in a comment too\n"
                    + "    END IF;\n"
                    + "    RETURN result;\n"
                    + "END;\n"
                    + "$$;\n");
        };
    }

    private static String psqlQuote(String path) {
        return "'" + path.replace("'", "''") + "'";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
