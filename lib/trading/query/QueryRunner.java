package trading.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import trading.db.SqlErrors;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;

/**
 * Runs canned queries on a connection the caller owns. Every value is bound as a
 * parameter, never pasted into the SQL, so a symbol such as
 * {@code '; DROP TABLE recommendations; --} is only a symbol that matches nothing.
 * <pre>
 * try (Database db = Database.open(url, "my-app"); Connection c = db.connect()) {
 *     QueryResult aapl = new QueryRunner(c).run(CannedQuery.SYMBOL.bind(Map.of("symbol", "AAPL")));
 * }
 * </pre>
 */
public final class QueryRunner {
    private final Connection connection;

    public QueryRunner(Connection connection) {
        this.connection = connection;
    }

    public QueryResult run(BoundQuery query) {
        try (PreparedStatement statement = prepare(query.query().sql(), query);
             ResultSet rs = statement.executeQuery()) {
            return QueryResult.read(rs);
        } catch (SQLException e) {
            throw failed(query, e);
        }
    }

    /** PostgreSQL's plan for the query; with {@code analyze} it runs it: EXPLAIN (ANALYZE, BUFFERS). */
    public QueryPlan explain(BoundQuery query, boolean analyze) {
        String explain = analyze ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ";
        try (PreparedStatement statement = prepare(explain + query.query().sql(), query);
             ResultSet rs = statement.executeQuery()) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            return new QueryPlan(lines, analyze);
        } catch (SQLException e) {
            throw failed(query, e);
        }
    }

    private PreparedStatement prepare(String sql, BoundQuery query) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        List<QueryParameter> parameters = query.query().parameters();
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, query.values().get(i), parameters.get(i).kind().sqlType());
        }
        return statement;
    }

    private static ToolkitException failed(BoundQuery query, SQLException e) {
        String hint = "42P01".equals(e.getSQLState()) || "42703".equals(e.getSQLState())
                ? "\nThe schema is missing or old: apply the migrations first (./jbang migrate@trading)."
                : "";
        return new ToolkitException(FailureKind.WORK_FAILED, "The " + query.query().queryName() + " query failed: "
                + SqlErrors.describe(e) + hint, e);
    }
}
