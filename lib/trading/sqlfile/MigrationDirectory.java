package trading.sqlfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import trading.failure.FailureKind;
import trading.failure.Problems;
import trading.failure.ToolkitException;

/**
 * The migrations folder, read whole: every up migration in numeric order (so
 * {@code 1000_x} follows {@code 999_y}). Every problem with the folder is reported at once,
 * before anything touches the database: names that don't match the pattern, two files
 * with one number, down scripts without an up file, and unreadable files.
 */
public record MigrationDirectory(Path path, List<MigrationFile> files) {
    /** A name that would be a migration but for a number longer than 18 digits. */
    private static final Pattern TOO_LONG_NUMBER = Pattern.compile("^(\\d{19,})_(.+?)(\\.down)?\\.sql$");

    /** golang-migrate's up files: {@code 000001_x.up.sql}. */
    private static final Pattern UP_SUFFIX = Pattern.compile("^\\d+_.+\\.up\\.sql$");
    /** A dot inside the name part, as in {@code 0002_1.7.0_schema.sql}. */
    private static final Pattern DOTTED_VERSION = Pattern.compile("^\\d+_[^.]*\\..*\\.sql$");

    public MigrationDirectory {
        files = List.copyOf(files);
    }

    public static MigrationDirectory scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw ToolkitException.usage("The migrations folder " + dir + " does not exist."
                    + " Create it, or point at another with --migrations DIR or MIGRATIONS_DIR.");
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted().toList();
        } catch (IOException e) {
            throw ToolkitException.usage("cannot list " + dir + ": " + e.getMessage());
        }
        Problems problems = new Problems();
        List<MigrationFile> files = new ArrayList<>();
        Set<String> downVersions = new HashSet<>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            Matcher m = MigrationFile.FILE_NAME.matcher(name);
            if (!m.matches()) {
                if (Files.isDirectory(entry)) {
                    continue;
                }
                problems.add(entry + ": " + whyNotAMigrationName(name));
            } else if (!Files.isRegularFile(entry)) {
                // Utf8File explains what it is: a dangling symlink, a directory, a FIFO or a device.
                try {
                    Utf8File.read(entry);
                } catch (ToolkitException e) {
                    problems.add(e.getMessage());
                }
            } else if (m.group(3) != null) {
                downVersions.add(name.substring(0, name.length() - ".down.sql".length()));
            } else {
                try {
                    files.add(MigrationFile.load(entry));
                } catch (ToolkitException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        files.sort(Comparator.comparingLong(MigrationFile::number));
        Map<Long, MigrationFile> byNumber = new HashMap<>();
        Set<String> upVersions = new HashSet<>();
        for (MigrationFile file : files) {
            upVersions.add(file.version());
            MigrationFile other = byNumber.putIfAbsent(file.number(), file);
            if (other != null) {
                problems.add(file.path() + ": number " + file.number() + " is also used by " + other.path().getFileName()
                        + ". Each migration needs its own number: renumber one of them.");
            }
        }
        for (String down : downVersions) {
            if (!upVersions.contains(down)) {
                problems.add(dir.resolve(down + ".down.sql") + ": a down script without its up migration "
                        + down + ".sql. Rename it to match, or delete it.");
            }
        }
        problems.throwIfAny(FailureKind.BAD_INPUT);
        return new MigrationDirectory(dir, files);
    }

    /** Why {@code name} is not a migration file name, and what to do, for the names real folders use. */
    private static String whyNotAMigrationName(String name) {
        Matcher tooLong = TOO_LONG_NUMBER.matcher(name);
        if (tooLong.matches()) {
            return "its number has " + tooLong.group(1).length() + " digits, but a migration number may have at most"
                    + " 18 (it is stored as a 64-bit integer). Renumber the file with 18 digits or fewer, e.g. a"
                    + " timestamp such as 20260114101500_" + tooLong.group(2) + ".sql.";
        }
        if (UP_SUFFIX.matcher(name).matches()) {
            return "drop `.up` from the name (" + name.replace(".up.sql", ".sql") + "): an up migration is"
                    + " NAME.sql and its down script is NAME.down.sql.";
        }
        if (DOTTED_VERSION.matcher(name).matches()) {
            return "the name has a dot before .sql (a dotted version such as 1.7.0?). Only letters, digits, _ and -"
                    + " may follow the number: write the dots as _ (e.g. " + name.substring(0, name.length() - 4)
                    .replace('.', '_') + ".sql).";
        }
        return "not a migration file name. Name it {number}_{descriptive_name}.sql (letters, digits, _ and -),"
                + " e.g. 003_add_user_tracking.sql, or move it out of the folder.";
    }

    public Optional<MigrationFile> find(String version) {
        return files.stream().filter(f -> f.version().equals(version)).findFirst();
    }
}
