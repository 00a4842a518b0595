package trading.migrate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The one transaction a rehearsal or a rollback runs in, and a check that it is still the same
 * one. StatementGuard refuses COMMIT and its kin before anything runs; this catches what slips
 * past it anyway (a multi-statement string, a function that ends the transaction), before
 * the work goes on outside the transaction.
 */
final class OpenTransaction {
    private final Connection connection;
    private final long transactionId;

    private OpenTransaction(Connection connection, long transactionId) {
        this.connection = connection;
        this.transactionId = transactionId;
    }

    /** Notes the id of the transaction {@code connection} (not in autocommit) is in now. */
    static OpenTransaction of(Connection connection) throws SQLException {
        return new OpenTransaction(connection, currentId(connection));
    }

    /**
     * Whether the driver still sees a transaction open (or failed, which a savepoint can
     * recover). Costs no round trip, so it can follow every statement.
     */
    boolean stillOpen() throws SQLException {
        TransactionState state = connection.unwrap(BaseConnection.class).getTransactionState();
        return state != TransactionState.IDLE;
    }

    /** Whether this is still the very transaction noted at the start: open, with the same id. */
    boolean stillSame() throws SQLException {
        return stillOpen() && currentId(connection) == transactionId;
    }

    private static long currentId(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT txid_current()")) {
            r.next();
            return r.getLong(1);
        }
    }
}
