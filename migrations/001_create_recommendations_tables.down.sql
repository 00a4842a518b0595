-- Down script of 001_create_recommendations_tables: drops what it created.
-- Run by `migrate --rollback` in one transaction, after 002's down script.

-- No CASCADE: if a later migration's view or foreign key still uses these tables, the
-- rollback stops here instead of silently dropping that object too.
DROP TABLE option_targets, option_ideas, reco_targets, recommendations;
DROP FUNCTION option_ideas_expiry_in_future();

-- uuid_generate_v4(): 001 either installed uuid-ossp or defined a fallback of its own.
-- The fallback goes if it is still ours (not an extension's, same body). The extension
-- goes only if nothing else uses it; otherwise it stays, since other schemas may rely on
-- it, and migrating again finds it in place (CREATE EXTENSION IF NOT EXISTS).
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_proc p
               WHERE p.oid = to_regprocedure('uuid_generate_v4()')
                 AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'sql')
                 AND btrim(p.prosrc) = 'SELECT gen_random_uuid()'
                 AND NOT EXISTS (SELECT FROM pg_depend d
                                 WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')) THEN
        DROP FUNCTION uuid_generate_v4();
    END IF;
    BEGIN
        DROP EXTENSION IF EXISTS "uuid-ossp";
    EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
        RAISE NOTICE 'uuid-ossp stays installed: %', SQLERRM;
    END;
END
$$;
