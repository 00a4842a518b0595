package trading.seed;

import java.util.List;

/**
 * A real listed symbol with the price range synthetic recommendations stay in, its
 * sector (which picks plausible catalysts and risks) and a typical annual volatility
 * (which sizes target moves and option prices).
 */
public record Ticker(String symbol, String name, String sector, long lowCents, long highCents, double volatility) {

    /** The symbols seed draws from: large US stocks and ETFs, prices in US dollars. */
    public static final List<Ticker> UNIVERSE = List.of(
            new Ticker("AAPL", "Apple", "technology", 170_00, 260_00, 0.26),
            new Ticker("MSFT", "Microsoft", "technology", 350_00, 520_00, 0.24),
            new Ticker("NVDA", "NVIDIA", "semiconductors", 90_00, 200_00, 0.50),
            new Ticker("AMZN", "Amazon", "consumer", 160_00, 240_00, 0.32),
            new Ticker("GOOGL", "Alphabet", "communication", 140_00, 260_00, 0.30),
            new Ticker("META", "Meta Platforms", "communication", 450_00, 790_00, 0.38),
            new Ticker("TSLA", "Tesla", "automotive", 200_00, 480_00, 0.60),
            new Ticker("AVGO", "Broadcom", "semiconductors", 150_00, 380_00, 0.45),
            new Ticker("AMD", "Advanced Micro Devices", "semiconductors", 90_00, 260_00, 0.52),
            new Ticker("NFLX", "Netflix", "communication", 85_00, 135_00, 0.35),
            new Ticker("ORCL", "Oracle", "technology", 120_00, 340_00, 0.42),
            new Ticker("CRM", "Salesforce", "technology", 220_00, 360_00, 0.34),
            new Ticker("ADBE", "Adobe", "technology", 330_00, 460_00, 0.33),
            new Ticker("INTC", "Intel", "semiconductors", 18_00, 40_00, 0.55),
            new Ticker("CSCO", "Cisco", "technology", 50_00, 72_00, 0.22),
            new Ticker("QCOM", "Qualcomm", "semiconductors", 140_00, 200_00, 0.36),
            new Ticker("MU", "Micron", "semiconductors", 80_00, 250_00, 0.55),
            new Ticker("TXN", "Texas Instruments", "semiconductors", 150_00, 220_00, 0.30),
            new Ticker("AMAT", "Applied Materials", "semiconductors", 130_00, 230_00, 0.42),
            new Ticker("IBM", "IBM", "technology", 200_00, 300_00, 0.27),
            new Ticker("PLTR", "Palantir", "technology", 60_00, 190_00, 0.70),
            new Ticker("SHOP", "Shopify", "technology", 70_00, 170_00, 0.55),
            new Ticker("UBER", "Uber", "consumer", 60_00, 100_00, 0.40),
            new Ticker("PYPL", "PayPal", "financials", 58_00, 90_00, 0.38),
            new Ticker("COIN", "Coinbase", "financials", 150_00, 420_00, 0.75),
            new Ticker("JPM", "JPMorgan Chase", "financials", 200_00, 320_00, 0.24),
            new Ticker("BAC", "Bank of America", "financials", 35_00, 52_00, 0.28),
            new Ticker("WFC", "Wells Fargo", "financials", 60_00, 85_00, 0.29),
            new Ticker("GS", "Goldman Sachs", "financials", 450_00, 800_00, 0.30),
            new Ticker("V", "Visa", "financials", 280_00, 370_00, 0.20),
            new Ticker("MA", "Mastercard", "financials", 470_00, 600_00, 0.21),
            new Ticker("UNH", "UnitedHealth", "healthcare", 240_00, 600_00, 0.40),
            new Ticker("LLY", "Eli Lilly", "healthcare", 700_00, 1050_00, 0.35),
            new Ticker("JNJ", "Johnson & Johnson", "healthcare", 145_00, 200_00, 0.17),
            new Ticker("PFE", "Pfizer", "healthcare", 22_00, 28_00, 0.24),
            new Ticker("MRK", "Merck", "healthcare", 75_00, 105_00, 0.26),
            new Ticker("ABBV", "AbbVie", "healthcare", 165_00, 240_00, 0.25),
            new Ticker("XOM", "Exxon Mobil", "energy", 100_00, 125_00, 0.23),
            new Ticker("CVX", "Chevron", "energy", 135_00, 170_00, 0.24),
            new Ticker("WMT", "Walmart", "consumer staples", 80_00, 105_00, 0.19),
            new Ticker("COST", "Costco", "consumer staples", 850_00, 1080_00, 0.21),
            new Ticker("PG", "Procter & Gamble", "consumer staples", 145_00, 175_00, 0.16),
            new Ticker("KO", "Coca-Cola", "consumer staples", 60_00, 75_00, 0.15),
            new Ticker("PEP", "PepsiCo", "consumer staples", 130_00, 170_00, 0.18),
            new Ticker("MCD", "McDonald's", "consumer", 280_00, 320_00, 0.17),
            new Ticker("SBUX", "Starbucks", "consumer", 75_00, 115_00, 0.32),
            new Ticker("NKE", "Nike", "consumer", 55_00, 85_00, 0.36),
            new Ticker("HD", "Home Depot", "consumer", 340_00, 430_00, 0.23),
            new Ticker("DIS", "Walt Disney", "communication", 85_00, 125_00, 0.28),
            new Ticker("BA", "Boeing", "industrials", 140_00, 240_00, 0.38),
            new Ticker("CAT", "Caterpillar", "industrials", 300_00, 500_00, 0.30),
            new Ticker("T", "AT&T", "communication", 25_00, 30_00, 0.18),
            new Ticker("VZ", "Verizon", "communication", 38_00, 45_00, 0.17),
            new Ticker("SPY", "SPDR S&P 500 ETF", "index", 500_00, 690_00, 0.16),
            new Ticker("QQQ", "Invesco QQQ ETF", "index", 420_00, 620_00, 0.21),
            new Ticker("IWM", "iShares Russell 2000 ETF", "index", 180_00, 250_00, 0.23));
}
