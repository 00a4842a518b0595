-- Down script of 004_validate_finite_numbers: puts 003's checks back as 003 left them,
-- NOT VALID. PostgreSQL cannot mark a validated check unvalidated, so each is dropped and
-- added again; adding NOT VALID reads no rows, so this is quick on a big table too.
-- Run by `migrate --rollback` in one transaction, before 003's down script.

ALTER TABLE recommendations
    DROP CONSTRAINT recommendations_entry_price_finite,
    ADD CONSTRAINT recommendations_entry_price_finite
        CHECK (entry_price NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID,
    DROP CONSTRAINT recommendations_expected_move_pct_finite,
    ADD CONSTRAINT recommendations_expected_move_pct_finite
        CHECK (expected_move_pct NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID;

ALTER TABLE reco_targets
    DROP CONSTRAINT reco_targets_value_finite,
    ADD CONSTRAINT reco_targets_value_finite
        CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID;

ALTER TABLE option_ideas
    DROP CONSTRAINT option_ideas_strike_finite,
    ADD CONSTRAINT option_ideas_strike_finite
        CHECK (strike NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID,
    DROP CONSTRAINT option_ideas_option_entry_price_finite,
    ADD CONSTRAINT option_ideas_option_entry_price_finite
        CHECK (option_entry_price NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID;

ALTER TABLE option_targets
    DROP CONSTRAINT option_targets_value_finite,
    ADD CONSTRAINT option_targets_value_finite
        CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID;
