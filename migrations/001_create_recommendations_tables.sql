-- Migration: 001_create_recommendations_tables
-- Description: Create recommendations, reco_targets, option_ideas and option_targets
-- Created: 2026-01-14

-- uuid_generate_v4(), which the README's example for new migrations uses. Keys here
-- default to gen_random_uuid(), built into PostgreSQL 13 and later, so they work even
-- where the uuid-ossp extension is not installed or not allowed (a role that owns only
-- its schema); then this defines a uuid_generate_v4() of its own, unless one exists.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
EXCEPTION WHEN undefined_file OR insufficient_privilege OR feature_not_supported THEN
    IF to_regprocedure('uuid_generate_v4()') IS NULL THEN
        CREATE FUNCTION uuid_generate_v4() RETURNS uuid
            LANGUAGE sql VOLATILE PARALLEL SAFE AS 'SELECT gen_random_uuid()';
    END IF;
END
$$;

-- 1. recommendations: one trading call with its overall confidence and metadata.
CREATE TABLE recommendations (
    reco_id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    asof               TIMESTAMPTZ NOT NULL DEFAULT now(),
    symbol             TEXT NOT NULL,
    horizon            TEXT NOT NULL,
    side               TEXT NOT NULL,
    entry_price        NUMERIC NOT NULL,
    confidence_overall NUMERIC NOT NULL,
    expected_move_pct  NUMERIC,
    rationale          JSONB NOT NULL DEFAULT '{}',
    quality            JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT recommendations_symbol_check CHECK (symbol <> '' AND symbol = upper(btrim(symbol))),
    CONSTRAINT recommendations_horizon_check CHECK (btrim(horizon) <> ''),
    CONSTRAINT recommendations_side_check CHECK (side IN ('BUY', 'SELL', 'HOLD')),
    CONSTRAINT recommendations_entry_price_check CHECK (entry_price > 0),
    CONSTRAINT recommendations_confidence_overall_check CHECK (confidence_overall BETWEEN 0 AND 1),
    CONSTRAINT recommendations_rationale_check CHECK (jsonb_typeof(rationale) = 'object'),
    CONSTRAINT recommendations_quality_check CHECK (jsonb_typeof(quality) = 'object')
);

-- The primary query pattern: a symbol's latest recommendations.
CREATE INDEX idx_recommendations_symbol_asof ON recommendations (symbol, asof DESC);
-- Filter by timeframe, most confident first.
CREATE INDEX idx_recommendations_horizon_confidence ON recommendations (horizon, confidence_overall DESC);
-- Filter by direction.
CREATE INDEX idx_recommendations_side ON recommendations (side);
-- Time-based queries.
CREATE INDEX idx_recommendations_asof ON recommendations (asof DESC);

-- 2. reco_targets: the ladder of 1 to 5 price targets of a recommendation.
CREATE TABLE reco_targets (
    reco_id     UUID NOT NULL REFERENCES recommendations (reco_id) ON DELETE CASCADE,
    ordinal     SMALLINT NOT NULL,
    name        TEXT NOT NULL,
    target_type TEXT NOT NULL,
    value       NUMERIC NOT NULL,
    confidence  NUMERIC NOT NULL,
    eta_minutes INTEGER,
    notes       TEXT,
    -- The design's composite (reco_id, ordinal) index, made unique: one target per rung.
    CONSTRAINT reco_targets_pkey PRIMARY KEY (reco_id, ordinal),
    CONSTRAINT reco_targets_ordinal_check CHECK (ordinal BETWEEN 1 AND 5),
    CONSTRAINT reco_targets_target_type_check CHECK (target_type IN ('price', 'percentage', 'technical')),
    CONSTRAINT reco_targets_confidence_check CHECK (confidence BETWEEN 0 AND 1),
    CONSTRAINT reco_targets_eta_minutes_check CHECK (eta_minutes >= 0)
);

-- The design lists this FK lookup index too; the primary key above could serve it.
CREATE INDEX idx_reco_targets_reco_id ON reco_targets (reco_id);

-- 3. option_ideas: at most one options strategy per recommendation.
CREATE TABLE option_ideas (
    -- The primary key is the unique reco_id: one option idea per recommendation.
    reco_id            UUID PRIMARY KEY REFERENCES recommendations (reco_id) ON DELETE CASCADE,
    option_type        TEXT NOT NULL,
    expiry             DATE NOT NULL,
    strike             NUMERIC NOT NULL,
    option_entry_price NUMERIC NOT NULL,
    greeks             JSONB NOT NULL DEFAULT '{}',
    iv                 JSONB NOT NULL DEFAULT '{}',
    notes              TEXT,
    CONSTRAINT option_ideas_option_type_check CHECK (option_type IN ('CALL', 'PUT')),
    CONSTRAINT option_ideas_strike_check CHECK (strike > 0),
    CONSTRAINT option_ideas_option_entry_price_check CHECK (option_entry_price >= 0),
    CONSTRAINT option_ideas_greeks_check CHECK (jsonb_typeof(greeks) = 'object'),
    CONSTRAINT option_ideas_iv_check CHECK (jsonb_typeof(iv) = 'object')
);

-- "Expiry must be in the future" holds when a row is written or its expiry changed.
-- It is a trigger, not CHECK (expiry > CURRENT_DATE): PostgreSQL checks CHECK
-- constraints on every row loaded, restores included, so a backup holding an option
-- that has since expired could never be restored. Updating other columns of an expired
-- option still works. pg_dump creates triggers after it loads the data; any other
-- restore skips the rule with session_replication_role = replica (superuser only) or
-- SET trading.restoring = on (anyone).
CREATE FUNCTION option_ideas_expiry_in_future() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('trading.restoring', true) IN ('on', 'true') THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.expiry IS NOT DISTINCT FROM OLD.expiry THEN
        RETURN NEW;
    END IF;
    IF NEW.expiry <= CURRENT_DATE THEN
        RAISE EXCEPTION 'option expiry % is not in the future', NEW.expiry
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'option_ideas_expiry_in_future',
                  HINT = 'An option idea needs an expiry after today.';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER option_ideas_expiry_in_future
    BEFORE INSERT OR UPDATE OF expiry ON option_ideas
    FOR EACH ROW EXECUTE FUNCTION option_ideas_expiry_in_future();

-- 4. option_targets: 1 to 3 premium targets of an option idea.
CREATE TABLE option_targets (
    reco_id     UUID NOT NULL REFERENCES option_ideas (reco_id) ON DELETE CASCADE,
    ordinal     SMALLINT NOT NULL,
    name        TEXT NOT NULL,
    value       NUMERIC NOT NULL,
    confidence  NUMERIC NOT NULL,
    eta_minutes INTEGER,
    notes       TEXT,
    CONSTRAINT option_targets_pkey PRIMARY KEY (reco_id, ordinal),
    CONSTRAINT option_targets_ordinal_check CHECK (ordinal BETWEEN 1 AND 3),
    CONSTRAINT option_targets_value_check CHECK (value >= 0),
    CONSTRAINT option_targets_confidence_check CHECK (confidence BETWEEN 0 AND 1),
    CONSTRAINT option_targets_eta_minutes_check CHECK (eta_minutes >= 0)
);

CREATE INDEX idx_option_targets_reco_id ON option_targets (reco_id);
