import java.util.Map;

/** The speed goals, each with the measured ratio and whether it holds. */
final class Goals {
    private Goals() {}

    static void print(Map<Integer, Map<String, Samples>> migrate, Map<String, Samples> status, Map<String, Samples> idle,
                      int schemaFiles) {
        System.out.println("### Speed goals, on medians of whole-process wall time");
        System.out.println();
        System.out.println("| goal | measured | holds |");
        System.out.println("| --- | --- | --- |");
        Map<String, Samples> small = migrate.get(500);
        Map<String, Samples> large = migrate.get(5000);
        if (small != null) {
            ratio("migrate 500: toolkit ≤ 1.3 × psql floor", small, "toolkit", "psql floor", 1.3, true);
            ratio("migrate 500: Flyway ≥ 3 × toolkit", small, "Flyway 13.12.1", "toolkit", 3, false);
        }
        if (large != null) {
            ratio("migrate 5,000: Flyway ≥ 5 × toolkit", large, "Flyway 13.12.1", "toolkit", 5, false);
        }
        if (small != null && large != null) {
            linear("whole process", small.get("toolkit").median(), large.get("toolkit").median(), schemaFiles);
            small.get("toolkit").inProcessMedian().ifPresent(s -> large.get("toolkit").inProcessMedian()
                    .ifPresent(l -> linear("engine time printed by migrate", s, l, schemaFiles)));
            // The two sizes run minutes apart on a shared machine; the floor measured beside each
            // cancels a change of load between them.
            Samples floorSmall = small.get("psql floor");
            Samples floorLarge = large.get("psql floor");
            if (floorSmall != null && floorLarge != null) {
                double r = ((double) large.get("toolkit").median() / floorLarge.median())
                        / ((double) small.get("toolkit").median() / floorSmall.median());
                row("migrate linear, relative to the psql floor of each size (toolkit÷floor at 5,000 ÷ the same at 500)",
                        String.format("%.2f ÷ %.2f = %.2f", (double) large.get("toolkit").median() / floorLarge.median(),
                                (double) small.get("toolkit").median() / floorSmall.median(), r), r <= 1.2);
            }
        }
        ratioAcross("status ≤ 0.6 × Flyway info", status.get("toolkit status"), status.get("Flyway info"));
        ratioAcross("idle migrate ≤ 0.6 × Flyway info", idle.get("toolkit migrate"), idle.get("Flyway info"));
        System.out.println();
    }

    private static void ratio(String goal, Map<String, Samples> samples, String a, String b, double limit, boolean atMost) {
        Samples x = samples.get(a);
        Samples y = samples.get(b);
        if (x == null || y == null) {
            return;
        }
        double r = (double) x.median() / y.median();
        row(goal, String.format("%s %d ms ÷ %s %d ms = %.2f", a, x.median(), b, y.median(), r),
                atMost ? r <= limit : r >= limit);
    }

    private static void ratioAcross(String goal, Samples toolkit, Samples flywayInfo) {
        if (toolkit == null || flywayInfo == null) {
            return;
        }
        double r = (double) toolkit.median() / flywayInfo.median();
        row(goal, String.format("%d ms ÷ %d ms = %.2f", toolkit.median(), flywayInfo.median(), r), r <= 0.6);
    }

    /** Files are the generated ones plus the project's schema files. */
    private static void linear(String what, long small, long large, int schemaFiles) {
        double perFileSmall = small / (500.0 + schemaFiles);
        double perFileLarge = large / (5000.0 + schemaFiles);
        double r = perFileLarge / perFileSmall;
        row("migrate linear, per file at 5,000 ≤ 1.2 × at 500 (" + what + ")",
                String.format("%.2f ms ÷ %.2f ms = %.2f", perFileLarge, perFileSmall, r), r <= 1.2);
    }

    private static void row(String goal, String measured, boolean holds) {
        System.out.println("| " + goal + " | " + measured + " | " + (holds ? "yes" : "**no**") + " |");
    }
}
