package trading.migrate;

import java.time.OffsetDateTime;

/**
 * Who holds the migration lock, from pg_stat_activity, so a waiting deploy can say so.
 * The holder's query text is left out on purpose: it may contain secrets.
 */
public record LockHolder(int pid, String applicationName, String clientAddress, OffsetDateTime connectedSince,
                         String state, OffsetDateTime stateSince) {

    /** One line for a person, e.g. {@code pid 4242 (application 'trading-db migrate', client 10.0.0.7, ...)}. */
    public String describe() {
        return "pid " + pid
                + " (application '" + (applicationName == null ? "" : applicationName) + "'"
                + ", client " + (clientAddress == null ? "local socket" : clientAddress)
                + ", connected since " + connectedSince
                + (state == null ? "" : ", " + state + " since " + stateSince) + ")";
    }
}
