import java.util.Map;

/** Prints one measured piece of work as a markdown table, with every row's ratio to the toolkit's. */
final class Table {
    private Table() {}

    /** {@code files} > 0 adds a column of wall time per file; {@code load} is the load average as it ended. */
    static void print(String title, Map<String, Samples> samples, String toolkitRow, int files, String load) {
        long toolkit = samples.get(toolkitRow).median();
        System.out.println("### " + title);
        System.out.println();
        System.out.println("Load average (1, 5, 15 min) as this part ended: " + load + ".");
        System.out.println();
        System.out.println("| tool | median ms | min | max | in-process median ms |" + (files > 0 ? " ms per file |" : "")
                + " toolkit ÷ this |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |" + (files > 0 ? " ---: |" : "") + " ---: |");
        for (var entry : samples.entrySet()) {
            Samples s = entry.getValue();
            if (s.isEmpty()) {
                continue;
            }
            String inProcess = s.inProcessMedian().isPresent() ? String.valueOf(s.inProcessMedian().getAsLong()) : "–";
            String perFile = files > 0 ? String.format(" %.2f |", (double) s.median() / files) : "";
            String ratio = entry.getKey().equals(toolkitRow) ? "1" : String.format("%.2f", (double) toolkit / s.median());
            System.out.printf("| %s | %d | %d | %d | %s |%s %s |%n", entry.getKey(), s.median(), s.min(), s.max(),
                    inProcess, perFile, ratio);
        }
        System.out.println();
    }
}
