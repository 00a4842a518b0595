package trading.migrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import trading.sqlfile.MigrationDirectory;
import trading.sqlfile.MigrationFile;

/**
 * The folder compared with the history: every migration with its state, in number order.
 * Built in one pass over each, so it stays linear in the number of files: status on thousands
 * of migrations must not take quadratic time.
 */
public record StatusReport(List<MigrationStatus> migrations) {

    public StatusReport {
        migrations = List.copyOf(migrations);
    }

    public static StatusReport of(MigrationDirectory directory, List<AppliedMigration> history) {
        Map<String, AppliedMigration> byVersion = new HashMap<>();
        long highestApplied = -1;
        for (AppliedMigration row : history) {
            byVersion.put(row.version(), row);
            // A failed row counts: that migration was attempted, so files numbered below it are out of order.
            highestApplied = Math.max(highestApplied, row.number());
        }
        List<MigrationStatus> result = new ArrayList<>();
        Set<String> onDisk = new HashSet<>();
        for (MigrationFile file : directory.files()) {
            onDisk.add(file.version());
            AppliedMigration row = byVersion.get(file.version());
            MigrationState state;
            if (row == null) {
                state = file.number() < highestApplied ? MigrationState.OUT_OF_ORDER : MigrationState.PENDING;
            } else if (!row.success()) {
                state = MigrationState.FAILED;
            } else if (row.checksum() != null && !file.checksum().equals(row.checksum())) {
                // No checksum: a row of the original Python runner, whose first migrate records it.
                state = MigrationState.MODIFIED;
            } else {
                state = MigrationState.APPLIED;
            }
            result.add(new MigrationStatus(file.version(), state, file, row));
        }
        for (AppliedMigration row : history) {
            if (!onDisk.contains(row.version())) {
                MigrationState state = row.success() ? MigrationState.MISSING : MigrationState.FAILED;
                result.add(new MigrationStatus(row.version(), state, null, row));
            }
        }
        result.sort(Comparator.comparingLong(MigrationStatus::number).thenComparing(MigrationStatus::version));
        return new StatusReport(result);
    }

    /** Rows recorded as successfully applied (applied, modified or missing). */
    public int appliedCount() {
        return (int) migrations.stream().filter(m -> m.applied() != null && m.applied().success()).count();
    }

    /** Files not applied yet, in or out of order. */
    public int pendingCount() {
        return (int) migrations.stream().filter(m -> m.applied() == null).count();
    }


    /**
     * Applied migrations whose file was renamed: a missing row and a pending (or out-of-order)
     * file with the same number and the same checksum, one to one.
     */
    public List<Rename> renames() {
        Map<Long, List<MigrationStatus>> missingByNumber = new HashMap<>();
        for (MigrationStatus m : migrations) {
            if (m.state() == MigrationState.MISSING) {
                missingByNumber.computeIfAbsent(m.number(), n -> new ArrayList<>()).add(m);
            }
        }
        List<Rename> renames = new ArrayList<>();
        if (missingByNumber.isEmpty()) {
            return renames;
        }
        for (MigrationStatus m : migrations) {
            if (m.applied() != null || m.file() == null) {
                continue;
            }
            List<MigrationStatus> same = missingByNumber.getOrDefault(m.number(), List.of()).stream()
                    .filter(missing -> m.file().checksum().equals(missing.applied().checksum())).toList();
            if (same.size() == 1) {
                renames.add(new Rename(same.get(0), m));
            }
        }
        return renames;
    }

    /** True when anything is pending, failed, modified, missing or out of order. */
    public boolean needsAction() {
        return migrations.stream().anyMatch(m -> m.state().needsAction());
    }
}
