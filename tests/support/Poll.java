import java.util.function.BooleanSupplier;

/** Waiting in tests for what another process does: bounded, so a broken test fails instead of hanging. */
final class Poll {
    private Poll() {}

    static void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(100);
        }
    }

    /** Sessions of {@code url}'s database running a statement that starts with {@code text} now. */
    static long running(String url, String text) {
        return Db.count(url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND state = 'active' AND query LIKE '" + text.replace("'", "''") + "%'");
    }
}
