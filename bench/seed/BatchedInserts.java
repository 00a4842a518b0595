import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import trading.seed.SeedCounts;
import trading.seed.SyntheticRecommendation.OptionIdea;
import trading.seed.SyntheticRecommendation.OptionTarget;
import trading.seed.SyntheticRecommendation.Target;
import trading.seed.SyntheticRecommendation;
import trading.seed.SyntheticRecommendations;

/**
 * The naive baseline: the same generated rows loaded with plain JDBC batched INSERTs
 * (one prepared INSERT per table, executeBatch and commit every {@code perTransaction}
 * recommendations), as an application would write it without COPY.
 */
final class BatchedInserts {
    private BatchedInserts() {}

    static SeedCounts load(String jdbcUrl, long count, long seed, LocalDate anchor, int perTransaction) throws SQLException {
        SyntheticRecommendations source = new SyntheticRecommendations(seed, 0, anchor);
        long recos = 0;
        long targets = 0;
        long options = 0;
        long optionTargets = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement reco = c.prepareStatement("INSERT INTO recommendations (reco_id, asof, symbol, horizon, side,"
                     + " entry_price, confidence_overall, expected_move_pct, rationale, quality)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)");
             PreparedStatement target = c.prepareStatement("INSERT INTO reco_targets (reco_id, ordinal, name, target_type,"
                     + " value, confidence, eta_minutes, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement option = c.prepareStatement("INSERT INTO option_ideas (reco_id, option_type, expiry, strike,"
                     + " option_entry_price, greeks, iv, notes) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)");
             PreparedStatement optionTarget = c.prepareStatement("INSERT INTO option_targets (reco_id, ordinal, name, value,"
                     + " confidence, eta_minutes, notes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (long i = 1; i <= count; i++) {
                SyntheticRecommendation r = source.next();
                reco.setObject(1, r.recoId());
                reco.setObject(2, OffsetDateTime.ofInstant(r.asof(), ZoneOffset.UTC));
                reco.setString(3, r.symbol());
                reco.setString(4, r.horizon().label());
                reco.setString(5, r.side().name());
                reco.setBigDecimal(6, BigDecimal.valueOf(r.entryCents(), 2));
                reco.setBigDecimal(7, BigDecimal.valueOf(r.confidencePercent(), 2));
                reco.setBigDecimal(8, BigDecimal.valueOf(r.expectedMoveBasisPoints(), 2));
                reco.setString(9, r.rationale());
                reco.setString(10, r.quality());
                reco.addBatch();
                recos++;
                for (Target t : r.targets()) {
                    target.setObject(1, r.recoId());
                    target.setInt(2, t.ordinal());
                    target.setString(3, t.name());
                    target.setString(4, t.type().label());
                    target.setBigDecimal(5, BigDecimal.valueOf(t.valueHundredths(), 2));
                    target.setBigDecimal(6, BigDecimal.valueOf(t.confidencePercent(), 2));
                    target.setObject(7, t.etaMinutes(), Types.INTEGER);
                    target.setString(8, t.notes());
                    target.addBatch();
                    targets++;
                }
                OptionIdea o = r.option();
                if (o != null) {
                    option.setObject(1, r.recoId());
                    option.setString(2, o.type().name());
                    option.setObject(3, o.expiry());
                    option.setBigDecimal(4, BigDecimal.valueOf(o.strikeCents(), 2));
                    option.setBigDecimal(5, BigDecimal.valueOf(o.premiumCents(), 2));
                    option.setString(6, o.greeks());
                    option.setString(7, o.iv());
                    option.setString(8, o.notes());
                    option.addBatch();
                    options++;
                    for (OptionTarget t : o.targets()) {
                        optionTarget.setObject(1, r.recoId());
                        optionTarget.setInt(2, t.ordinal());
                        optionTarget.setString(3, t.name());
                        optionTarget.setBigDecimal(4, BigDecimal.valueOf(t.valueCents(), 2));
                        optionTarget.setBigDecimal(5, BigDecimal.valueOf(t.confidencePercent(), 2));
                        optionTarget.setObject(6, t.etaMinutes(), Types.INTEGER);
                        optionTarget.setString(7, t.notes());
                        optionTarget.addBatch();
                        optionTargets++;
                    }
                }
                if (i % perTransaction == 0 || i == count) {
                    reco.executeBatch();
                    target.executeBatch();
                    option.executeBatch();
                    optionTarget.executeBatch();
                    c.commit();
                }
            }
        }
        return new SeedCounts(recos, targets, options, optionTargets);
    }
}
