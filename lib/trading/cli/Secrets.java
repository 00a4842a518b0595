package trading.cli;

import trading.core.DatabaseUrl;

/**
 * The password of the database a command talks to, remembered once it is resolved,
 * so that no message printed afterwards can contain it.
 */
final class Secrets {
    private static volatile DatabaseUrl current;

    private Secrets() {}

    static void remember(DatabaseUrl url) {
        current = url;
    }

    static String scrub(String text) {
        DatabaseUrl url = current;
        return url == null ? text : url.scrub(text);
    }
}
