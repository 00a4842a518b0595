package trading.seed;

/**
 * The trading timeframes that the sample rows of migrations/002_add_sample_data.sql use
 * ('day', 'swing', '1-2 months'), with what each implies for synthetic data: how many
 * trading days a move has, when targets are reached, and how far out the option expiry is.
 */
public enum TradingHorizon {
    DAY("day", 30, 1, 30, 240, 30, 120, 3, 10),
    SWING("swing", 40, 7, 1_440, 5_760, 1_440, 4_320, 14, 45),
    ONE_TO_TWO_MONTHS("1-2 months", 30, 40, 20_160, 40_320, 10_080, 20_160, 45, 120);

    private final String label;
    private final int weight;
    private final int tradingDays;
    private final int firstEtaMin;
    private final int firstEtaMax;
    private final int etaStepMin;
    private final int etaStepMax;
    private final int minDaysToExpiry;
    private final int maxDaysToExpiry;

    TradingHorizon(String label, int weight, int tradingDays, int firstEtaMin, int firstEtaMax, int etaStepMin,
                   int etaStepMax, int minDaysToExpiry, int maxDaysToExpiry) {
        this.label = label;
        this.weight = weight;
        this.tradingDays = tradingDays;
        this.firstEtaMin = firstEtaMin;
        this.firstEtaMax = firstEtaMax;
        this.etaStepMin = etaStepMin;
        this.etaStepMax = etaStepMax;
        this.minDaysToExpiry = minDaysToExpiry;
        this.maxDaysToExpiry = maxDaysToExpiry;
    }

    /** The text stored in {@code recommendations.horizon}. */
    public String label() {
        return label;
    }

    static TradingHorizon draw(SeededRandom random) {
        TradingHorizon[] all = values();
        int[] weights = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            weights[i] = all[i].weight;
        }
        return all[random.weighted(weights)];
    }

    /** A typical one-standard-deviation move over this horizon for a stock of the given annual volatility. */
    double typicalMove(double annualVolatility) {
        return annualVolatility * Math.sqrt(tradingDays / 252.0);
    }

    int firstEtaMinutes(SeededRandom random) {
        return random.intBetween(firstEtaMin, firstEtaMax);
    }

    int etaStepMinutes(SeededRandom random) {
        return random.intBetween(etaStepMin, etaStepMax);
    }

    int daysToExpiry(SeededRandom random) {
        return random.intBetween(minDaysToExpiry, maxDaysToExpiry);
    }
}
