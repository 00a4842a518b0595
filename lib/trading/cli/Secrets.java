package trading.cli;

import trading.db.DatabaseUrl;

/**
 * The secrets of the database a command talks to, remembered once it is resolved, so
 * that no message printed afterwards can contain them. Before that (a command-line
 * error, for example) and besides them, any URL credentials, secret parameters and the
 * value of PGPASSWORD in a message are masked too.
 */
final class Secrets {
    private static volatile DatabaseUrl current;

    private Secrets() {}

    static void remember(DatabaseUrl url) {
        current = url;
    }

    static String scrub(String text) {
        if (text == null) {
            return null;
        }
        DatabaseUrl url = current;
        String scrubbed = url == null ? DatabaseUrl.maskCredentials(text) : url.scrub(text);
        String pgPassword = System.getenv("PGPASSWORD");
        return pgPassword == null || pgPassword.isEmpty() ? scrubbed : scrubbed.replace(pgPassword, "***");
    }
}
