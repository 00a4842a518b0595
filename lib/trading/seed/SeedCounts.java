package trading.seed;

/** How many rows went into each of the four tables. */
public record SeedCounts(long recommendations, long targets, long optionIdeas, long optionTargets) {
    public static final SeedCounts NONE = new SeedCounts(0, 0, 0, 0);

    public SeedCounts plus(SeedCounts other) {
        return new SeedCounts(recommendations + other.recommendations, targets + other.targets,
                optionIdeas + other.optionIdeas, optionTargets + other.optionTargets);
    }

    public long rows(SeedTable table) {
        return switch (table) {
            case RECOMMENDATIONS -> recommendations;
            case RECO_TARGETS -> targets;
            case OPTION_IDEAS -> optionIdeas;
            case OPTION_TARGETS -> optionTargets;
        };
    }

    /** Rows in all four tables together. */
    public long total() {
        return recommendations + targets + optionIdeas + optionTargets;
    }
}
