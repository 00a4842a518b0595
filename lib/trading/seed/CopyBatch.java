package trading.seed;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import trading.seed.SyntheticRecommendation.OptionIdea;
import trading.seed.SyntheticRecommendation.OptionTarget;
import trading.seed.SyntheticRecommendation.Target;

/**
 * A batch of recommendations encoded as COPY text, one buffer per table, so the batch
 * can be sent as four COPY statements in one transaction. The buffers are reused from
 * batch to batch: memory depends on the batch size, never on how many rows are loaded.
 */
public final class CopyBatch {
    private final Map<SeedTable, CopyText> buffers = new EnumMap<>(SeedTable.class);
    private long recommendations;
    private long targets;
    private long optionIdeas;
    private long optionTargets;

    public CopyBatch() {
        for (SeedTable table : SeedTable.values()) {
            buffers.put(table, new CopyText());
        }
    }

    public void add(SyntheticRecommendation r) {
        buffers.get(SeedTable.RECOMMENDATIONS).uuid(r.recoId()).timestamp(r.asof()).text(r.symbol())
                .text(r.horizon().label()).text(r.side().name()).decimal(r.entryCents(), 2)
                .decimal(r.confidencePercent(), 2).decimal(r.expectedMoveBasisPoints(), 2).text(r.rationale())
                .text(r.quality()).endRow();
        recommendations++;
        CopyText targetRows = buffers.get(SeedTable.RECO_TARGETS);
        for (Target t : r.targets()) {
            targetRows.uuid(r.recoId()).integer(t.ordinal()).text(t.name()).text(t.type().label())
                    .decimal(t.valueHundredths(), 2).decimal(t.confidencePercent(), 2).integerOrNull(t.etaMinutes())
                    .text(t.notes()).endRow();
            targets++;
        }
        OptionIdea option = r.option();
        if (option != null) {
            buffers.get(SeedTable.OPTION_IDEAS).uuid(r.recoId()).text(option.type().name()).date(option.expiry())
                    .decimal(option.strikeCents(), 2).decimal(option.premiumCents(), 2).text(option.greeks())
                    .text(option.iv()).text(option.notes()).endRow();
            optionIdeas++;
            CopyText optionTargetRows = buffers.get(SeedTable.OPTION_TARGETS);
            for (OptionTarget t : option.targets()) {
                optionTargetRows.uuid(r.recoId()).integer(t.ordinal()).text(t.name()).decimal(t.valueCents(), 2)
                        .decimal(t.confidencePercent(), 2).integerOrNull(t.etaMinutes()).text(t.notes()).endRow();
                optionTargets++;
            }
        }
    }

    public SeedCounts counts() {
        return new SeedCounts(recommendations, targets, optionIdeas, optionTargets);
    }

    public boolean isEmpty() {
        return recommendations == 0;
    }

    public void clear() {
        buffers.values().forEach(CopyText::clear);
        recommendations = 0;
        targets = 0;
        optionIdeas = 0;
        optionTargets = 0;
    }

    /** Runs one COPY per table, parents first; the caller owns the transaction around them. */
    public void copyInto(CopyManager copyManager) throws SQLException {
        for (SeedTable table : SeedTable.values()) {
            CopyText rows = buffers.get(table);
            if (rows.size() == 0) {
                continue;
            }
            CopyIn copy = copyManager.copyIn(table.copyFromStdin());
            try {
                rows.sendTo(copy);
                copy.endCopy();
            } catch (SQLException e) {
                cancel(copy, e);
                throw e;
            }
        }
    }

    /** The batch's rows of {@code table} in COPY text format, e.g. to write a file for {@code \copy}. */
    public void writeTo(SeedTable table, OutputStream out) throws IOException {
        buffers.get(table).writeTo(out);
    }

    /** Ends a COPY that failed on our side; on a dead connection that fails too, which must not hide why. */
    private static void cancel(CopyIn copy, SQLException cause) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
