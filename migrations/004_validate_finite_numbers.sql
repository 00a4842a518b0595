-- Migration: 004_validate_finite_numbers
-- Description: Check the rows written before 003 against its NaN and Infinity checks
-- Created: 2026-12-06
-- Depends: 003_finite_numbers

-- VALIDATE CONSTRAINT takes only a SHARE UPDATE EXCLUSIVE lock: reads and writes go on
-- while it reads the table, because 003 already checks every new row. This is why it is
-- a migration of its own: in 003's transaction, the ACCESS EXCLUSIVE lock of ADD
-- CONSTRAINT would still be held during the scan.
-- If an old row holds NaN or Infinity, this fails with the constraint's name and changes
-- nothing; 003 stays applied, so new rows are still checked. Find the rows with, e.g.,
--   SELECT reco_id, entry_price FROM recommendations
--   WHERE entry_price IN ('NaN', 'Infinity', '-Infinity');
-- correct or delete them, and migrate again.

ALTER TABLE recommendations VALIDATE CONSTRAINT recommendations_entry_price_finite;
ALTER TABLE recommendations VALIDATE CONSTRAINT recommendations_expected_move_pct_finite;
ALTER TABLE reco_targets VALIDATE CONSTRAINT reco_targets_value_finite;
ALTER TABLE option_ideas VALIDATE CONSTRAINT option_ideas_strike_finite;
ALTER TABLE option_ideas VALIDATE CONSTRAINT option_ideas_option_entry_price_finite;
ALTER TABLE option_targets VALIDATE CONSTRAINT option_targets_value_finite;
