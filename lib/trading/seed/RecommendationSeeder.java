package trading.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import trading.db.Database;
import trading.db.SqlErrors;
import trading.db.Transactions;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;

/**
 * Loads synthetic recommendations through COPY, one transaction per batch, so a failure
 * loses at most the batch in progress and leaves only whole recommendations behind.
 * <pre>
 * SeedResult r = RecommendationSeeder.seed(database, SeedSettings.of(100_000).withRandomSeed(7), SeedListener.SILENT);
 * </pre>
 * Keys come from the random seed too. So that a second load with the same seed adds
 * rows instead of clashing, each load uses the seed's first <em>generation</em> whose
 * first key is not in the table yet; empty (or --truncate'd) tables always get
 * generation 0, hence the same bytes for the same seed.
 */
public final class RecommendationSeeder {
    private final Database database;
    private final SeedSettings settings;
    private final SeedListener listener;

    private RecommendationSeeder(Database database, SeedSettings settings, SeedListener listener) {
        this.database = database;
        this.settings = settings;
        this.listener = listener;
    }

    /** Loads {@code settings.count()} recommendations; throws {@link SeedFailure} when a batch fails. */
    public static SeedResult seed(Database database, SeedSettings settings, SeedListener listener) {
        return new RecommendationSeeder(database, settings, listener).run();
    }

    private SeedResult run() {
        settings.requireAnchorNotBefore(LocalDate.now(ZoneOffset.UTC));
        try (Connection c = database.connect()) {
            requireSchema(c);
            long generation = settings.truncate() ? 0 : firstUnusedGeneration(c);
            listener.starting(settings, generation);
            return load(c, generation);
        } catch (SQLException e) {
            throw new ToolkitException(kindOf(e), "Database error on " + database.describe() + ": "
                    + database.scrub(SqlErrors.describe(e)), e);
        }
    }

    private SeedResult load(Connection c, long generation) throws SQLException {
        CopyManager copyManager = c.unwrap(PGConnection.class).getCopyAPI();
        SyntheticRecommendations source = new SyntheticRecommendations(settings.randomSeed(), generation,
                settings.anchorDate());
        long started = System.nanoTime();
        SeedResult loaded = new SeedResult(settings, generation, 0, SeedCounts.NONE, Duration.ZERO);
        try (BatchProducer producer = new BatchProducer(source, settings.count(), settings.batchSize())) {
            for (CopyBatch batch = producer.next(); batch != null; batch = producer.next()) {
                loadBatch(c, copyManager, batch, loaded);
                loaded = loaded.plus(batch.counts(), Duration.ofNanos(System.nanoTime() - started));
                producer.recycle(batch);
                listener.batchCommitted(loaded);
            }
        }
        return loaded;
    }

    /** Loads {@code batch} in a transaction of its own; {@code loaded} is what earlier batches committed. */
    private void loadBatch(Connection c, CopyManager copyManager, CopyBatch batch, SeedResult loaded) {
        boolean truncateFirst = loaded.batches() == 0 && settings.truncate();
        // Set once every row is sent: a failure after that came from the COMMIT.
        boolean[] committing = {false};
        try {
            Transactions.inTransaction(c, () -> {
                if (truncateFirst) {
                    // In the first batch's transaction: if that batch fails, the old rows are still there.
                    try (Statement s = c.createStatement()) {
                        s.execute("TRUNCATE recommendations, reco_targets, option_ideas, option_targets");
                    }
                }
                batch.copyInto(copyManager);
                committing[0] = true;
                return null;
            });
        } catch (SQLException e) {
            throw failure(loaded, batch.counts(), committing[0], e);
        }
    }

    private void requireSchema(Connection c) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?)")) {
            for (SeedTable table : SeedTable.values()) {
                s.setString(1, table.tableName());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        missing.add(table.tableName());
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ToolkitException(FailureKind.WORK_FAILED, database.describe() + " has no table" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + ". Create the schema first: ./jbang migrate@trading"
                    + " (with the same --url), then seed again.");
        }
    }

    /** The first generation of this seed whose first key is not in the table: 0 unless this seed was loaded before. */
    private long firstUnusedGeneration(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM recommendations WHERE reco_id = ?")) {
            for (long generation = 0; ; generation++) {
                UUID key = SyntheticRecommendations.firstKey(settings.randomSeed(), generation, settings.anchorDate());
                s.setObject(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return generation;
                    }
                }
            }
        }
    }

    private SeedFailure failure(SeedResult loaded, SeedCounts failedBatch, boolean committing, SQLException e) {
        long batchNumber = loaded.batches() + 1;
        long from = loaded.rows().recommendations() + 1;
        long to = loaded.rows().recommendations() + failedBatch.recommendations();
        FailureKind kind = kindOf(e);
        StringBuilder message = new StringBuilder("Seeding stopped in batch ").append(batchNumber).append(" of ")
                .append(settings.batches()).append(" (recommendations ").append(from).append('-').append(to)
                .append(") on ").append(database.describe()).append(":\n  ")
                .append(database.scrub(SqlErrors.describe(e))).append('\n');
        boolean unknown = committing && kind == FailureKind.CONNECTION;
        if (unknown) {
            message.append("The connection was lost while batch ").append(batchNumber).append(" was committing,")
                    .append(" so it may or may not have been kept.");
        } else {
            message.append("Batch ").append(batchNumber).append(" was rolled back: none of its rows were kept.");
        }
        SeedCounts rows = loaded.rows();
        message.append("\nCommitted before it: ").append(loaded.batches()).append(" complete batch")
                .append(loaded.batches() == 1 ? "" : "es").append(" = ").append(rows.recommendations())
                .append(" recommendations, ").append(rows.targets()).append(" targets, ").append(rows.optionIdeas())
                .append(" option ideas, ").append(rows.optionTargets()).append(" option targets")
                .append(" (random seed ").append(settings.randomSeed()).append(", generation ")
                .append(loaded.generation()).append(").");
        if (settings.truncate() && loaded.batches() == 0 && !unknown) {
            message.append("\nThe tables were not truncated: TRUNCATE is part of the first batch's transaction.");
        }
        if ("23505".equals(e.getSQLState())) {
            message.append("\nThe keys clash with rows already there: was another seed with the same --random-seed")
                    .append(" loading at the same time? Run seed again (it picks keys not used yet) or use --truncate.");
        }
        message.append("\nTo load the rest, fix the cause and run seed again with --count ")
                .append(settings.count() - rows.recommendations())
                .append(" (without --truncate, it adds rows with new keys).");
        return new SeedFailure(kind, message.toString(), loaded, e);
    }


    /** A lost or refused connection is exit 5, as when it cannot be opened; anything else is a failure, exit 1. */
    private static FailureKind kindOf(SQLException e) {
        String state = e.getSQLState();
        boolean connection = state != null && (state.startsWith("08") || state.equals("57P01")
                || state.equals("57P02") || state.equals("57P03"));
        return connection ? FailureKind.CONNECTION : FailureKind.WORK_FAILED;
    }
}
