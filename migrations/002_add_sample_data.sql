-- Migration: 002_add_sample_data
-- Description: Add a small, realistic sample of recommendations, targets and options
-- Created: 2026-01-14
-- Depends: 001_create_recommendations_tables

-- Dates are relative to the day this runs (now(), CURRENT_DATE), so it applies next
-- year as well as today. Fixed keys and ON CONFLICT DO NOTHING make it safe on a
-- database that already holds other data: nothing clashes and nothing is duplicated.

INSERT INTO recommendations
    (reco_id, asof, symbol, horizon, side, entry_price, confidence_overall, expected_move_pct, rationale, quality)
VALUES
    ('5a3f0001-0000-4000-8000-000000000001', now() - interval '2 hours', 'AAPL', 'swing', 'BUY', 227.50, 0.82, 6.5,
     '{"reasoning": "Services growth and buyback support a move to prior highs",
       "catalysts": ["iPhone cycle", "services margin expansion"],
       "risks": ["China demand", "regulatory pressure on the App Store"],
       "indicators": {"rsi": 58.2, "macd": "bullish crossover", "sma_50_above_200": true}}',
     '{"score": 0.88, "analyst": "quant-momentum-v3", "data_freshness_minutes": 5, "backtest_hit_rate": 0.64}'),
    ('5a3f0001-0000-4000-8000-000000000002', now() - interval '3 days', 'AAPL', 'day', 'HOLD', 224.10, 0.55, 0.4,
     '{"reasoning": "Range-bound ahead of earnings; no edge intraday",
       "catalysts": ["earnings next week"], "risks": ["gap on earnings"],
       "indicators": {"rsi": 49.7, "atr": 3.1}}',
     '{"score": 0.61, "analyst": "intraday-mean-reversion", "data_freshness_minutes": 1}'),
    ('5a3f0001-0000-4000-8000-000000000003', now() - interval '1 day', 'TSLA', 'day', 'SELL', 251.30, 0.71, -4.2,
     '{"reasoning": "Failed breakout above resistance with falling volume",
       "catalysts": ["delivery numbers miss"], "risks": ["short squeeze", "robotaxi headlines"],
       "indicators": {"rsi": 71.4, "volume_trend": "falling", "resistance": 260}}',
     '{"score": 0.74, "analyst": "breakout-failure-v2", "data_freshness_minutes": 2}'),
    ('5a3f0001-0000-4000-8000-000000000004', now() - interval '5 hours', 'NVDA', '1-2 months', 'BUY', 131.80, 0.91, 14.0,
     '{"reasoning": "Data-centre demand keeps beating guidance; pullback to the 50-day is a fresh entry",
       "catalysts": ["hyperscaler capex", "next-generation GPU ramp"],
       "risks": ["export restrictions", "supply constraints"],
       "indicators": {"rsi": 54.9, "sma_50": 129.4, "earnings_revision": "up"}}',
     '{"score": 0.93, "analyst": "fundamental-growth-v5", "data_freshness_minutes": 15, "backtest_hit_rate": 0.71}'),
    ('5a3f0001-0000-4000-8000-000000000005', now() - interval '2 days', 'MSFT', '1-2 months', 'BUY', 418.20, 0.84, 8.0,
     '{"reasoning": "Cloud re-acceleration and AI attach rates",
       "catalysts": ["Azure growth", "Copilot seats"], "risks": ["capex digestion"],
       "indicators": {"rsi": 56.3, "relative_strength": "leader"}}',
     '{"score": 0.86, "analyst": "fundamental-growth-v5", "data_freshness_minutes": 30}'),
    ('5a3f0001-0000-4000-8000-000000000006', now() - interval '6 days', 'AMZN', '1-2 months', 'BUY', 186.40, 0.78, 9.5,
     '{"reasoning": "Retail margins improving while AWS holds share",
       "catalysts": ["holiday quarter", "AWS re:Invent"], "risks": ["consumer slowdown"],
       "indicators": {"rsi": 61.0, "sma_50_above_200": true}}',
     '{"score": 0.8, "analyst": "fundamental-growth-v5", "data_freshness_minutes": 30}'),
    ('5a3f0001-0000-4000-8000-000000000007', now() - interval '4 hours', 'META', 'swing', 'SELL', 566.00, 0.67, -5.5,
     '{"reasoning": "Extended far above its moving averages into resistance",
       "catalysts": ["ad pricing deceleration"], "risks": ["strong engagement data"],
       "indicators": {"rsi": 76.8, "distance_from_sma_50_pct": 12.4}}',
     '{"score": 0.7, "analyst": "mean-reversion-swing", "data_freshness_minutes": 10}'),
    ('5a3f0001-0000-4000-8000-000000000008', now() - interval '20 days', 'NVDA', 'swing', 'HOLD', 118.90, 0.6, 1.5,
     '{"reasoning": "Consolidating after a strong run; wait for a breakout",
       "catalysts": [], "risks": ["sector rotation"], "indicators": {"rsi": 50.2}}',
     '{"score": 0.66, "analyst": "trend-following-v1", "data_freshness_minutes": 60}')
ON CONFLICT (reco_id) DO NOTHING;

INSERT INTO reco_targets (reco_id, ordinal, name, target_type, value, confidence, eta_minutes, notes)
VALUES
    ('5a3f0001-0000-4000-8000-000000000001', 1, 'Target 1', 'price', 235.00, 0.75, 4320, 'Prior swing high'),
    ('5a3f0001-0000-4000-8000-000000000001', 2, 'Target 2', 'price', 242.00, 0.55, 10080, NULL),
    ('5a3f0001-0000-4000-8000-000000000001', 3, 'Stretch', 'percentage', 8.00, 0.30, NULL, 'Only on a strong earnings beat'),
    ('5a3f0001-0000-4000-8000-000000000003', 1, 'First Support', 'technical', 245.00, 0.68, 240, 'Gap fill'),
    ('5a3f0001-0000-4000-8000-000000000003', 2, 'Target 2', 'price', 240.50, 0.45, 390, NULL),
    ('5a3f0001-0000-4000-8000-000000000004', 1, 'Target 1', 'price', 140.00, 0.80, 20160, NULL),
    ('5a3f0001-0000-4000-8000-000000000004', 2, 'Target 2', 'price', 148.00, 0.62, 40320, 'Measured move'),
    ('5a3f0001-0000-4000-8000-000000000004', 3, 'Target 3', 'price', 155.00, 0.41, 60480, NULL),
    ('5a3f0001-0000-4000-8000-000000000004', 4, 'Stretch', 'percentage', 20.00, 0.20, NULL, 'Blue-sky scenario'),
    ('5a3f0001-0000-4000-8000-000000000005', 1, 'Target 1', 'price', 440.00, 0.72, 30240, NULL),
    ('5a3f0001-0000-4000-8000-000000000005', 2, 'First Resistance', 'technical', 452.00, 0.50, 50400, 'All-time high'),
    ('5a3f0001-0000-4000-8000-000000000006', 1, 'Target 1', 'price', 198.00, 0.70, 30240, NULL),
    ('5a3f0001-0000-4000-8000-000000000007', 1, 'Target 1', 'price', 540.00, 0.62, 7200, '50-day average'),
    ('5a3f0001-0000-4000-8000-000000000007', 2, 'Target 2', 'price', 520.00, 0.38, 14400, NULL)
ON CONFLICT (reco_id, ordinal) DO NOTHING;

INSERT INTO option_ideas (reco_id, option_type, expiry, strike, option_entry_price, greeks, iv, notes)
VALUES
    ('5a3f0001-0000-4000-8000-000000000004', 'CALL', CURRENT_DATE + 45, 135.00, 6.40,
     '{"delta": 0.48, "gamma": 0.021, "theta": -0.09, "vega": 0.19, "rho": 0.07}',
     '{"iv": 0.52, "iv_rank": 38, "iv_percentile": 41, "term_structure": "contango"}',
     'Slightly out-of-the-money call through the next earnings date'),
    ('5a3f0001-0000-4000-8000-000000000001', 'CALL', CURRENT_DATE + 30, 230.00, 5.10,
     '{"delta": 0.45, "gamma": 0.030, "theta": -0.11, "vega": 0.22, "rho": 0.05}',
     '{"iv": 0.27, "iv_rank": 22, "iv_percentile": 25}',
     NULL),
    ('5a3f0001-0000-4000-8000-000000000007', 'PUT', CURRENT_DATE + 21, 550.00, 11.80,
     '{"delta": -0.38, "gamma": 0.008, "theta": -0.42, "vega": 0.51, "rho": -0.09}',
     '{"iv": 0.34, "iv_rank": 55, "iv_percentile": 60}',
     'Defined-risk way to play the pullback')
ON CONFLICT (reco_id) DO NOTHING;

INSERT INTO option_targets (reco_id, ordinal, name, value, confidence, eta_minutes, notes)
VALUES
    ('5a3f0001-0000-4000-8000-000000000004', 1, 'Premium 1', 9.50, 0.65, 20160, NULL),
    ('5a3f0001-0000-4000-8000-000000000004', 2, 'Premium 2', 13.00, 0.40, 40320, 'Take the rest off here'),
    ('5a3f0001-0000-4000-8000-000000000001', 1, 'Premium 1', 7.50, 0.60, 7200, NULL),
    ('5a3f0001-0000-4000-8000-000000000007', 1, 'Premium 1', 18.00, 0.55, 7200, NULL),
    ('5a3f0001-0000-4000-8000-000000000007', 2, 'Premium 2', 24.00, 0.35, 14400, NULL),
    ('5a3f0001-0000-4000-8000-000000000007', 3, 'Premium 3', 30.00, 0.15, NULL, 'Only if support breaks')
ON CONFLICT (reco_id, ordinal) DO NOTHING;
