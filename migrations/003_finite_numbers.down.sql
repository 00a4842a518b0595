-- Down script of 003_finite_numbers: drops the six checks it added, and nothing else.
-- Run by `migrate --rollback` in one transaction, after 004's down script.

ALTER TABLE recommendations
    DROP CONSTRAINT recommendations_entry_price_finite,
    DROP CONSTRAINT recommendations_expected_move_pct_finite;
ALTER TABLE reco_targets DROP CONSTRAINT reco_targets_value_finite;
ALTER TABLE option_ideas
    DROP CONSTRAINT option_ideas_strike_finite,
    DROP CONSTRAINT option_ideas_option_entry_price_finite;
ALTER TABLE option_targets DROP CONSTRAINT option_targets_value_finite;
