-- Migration: 003_finite_numbers
-- Description: Refuse NaN and Infinity in prices, strikes, premiums, targets and expected moves
-- Created: 2026-12-06
-- Depends: 001_create_recommendations_tables

-- NUMERIC holds 'NaN', and since PostgreSQL 14 'Infinity' and '-Infinity' too. PostgreSQL
-- sorts NaN above every number, so 'NaN' > 0 is true: 001's CHECK (entry_price > 0) let
-- NaN and Infinity in as positive prices, and CHECK (value >= 0) did the same for
-- premiums. Each check here names its column, so an error says which value was refused.
-- Confidences need none: BETWEEN 0 AND 1 already refuses NaN and both infinities.
-- NULL still passes where the column allows it (expected_move_pct, NOT IN gives NULL).
--
-- NOT VALID: adding a check this way does not read the table, so the ACCESS EXCLUSIVE
-- lock that ADD CONSTRAINT takes lasts only a moment, and from then on every written row
-- is checked. The rows already there are checked by 004_validate_finite_numbers in its
-- own transaction, under a lock that lets reads and writes go on; in this transaction the
-- scan would run while the exclusive lock is still held.

ALTER TABLE recommendations
    ADD CONSTRAINT recommendations_entry_price_finite
        CHECK (entry_price NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID,
    ADD CONSTRAINT recommendations_expected_move_pct_finite
        CHECK (expected_move_pct NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID;

ALTER TABLE reco_targets
    ADD CONSTRAINT reco_targets_value_finite
        CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID;

ALTER TABLE option_ideas
    ADD CONSTRAINT option_ideas_strike_finite
        CHECK (strike NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID,
    ADD CONSTRAINT option_ideas_option_entry_price_finite
        CHECK (option_entry_price NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID;

ALTER TABLE option_targets
    ADD CONSTRAINT option_targets_value_finite
        CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity')) NOT VALID;
