import type { Migration } from './Migration.js';

/**
 * The event log. Design notes (README "Event store"):
 * - `data` and `metadata` are text holding the exact serialized JSON, because jsonb reorders keys
 *   and the ledger hashes stored bytes.
 * - Versions start at 1 (version = number of events in the stream; 0 = no stream).
 * - `transaction_id` lets readers hide events above the oldest in-flight append, so a reader by
 *   position never skips an event that commits later with a lower position. The append function
 *   draws the xid and the positions inside one short global critical section, which makes xid order
 *   and position order agree (see append_to_stream below).
 * - Immutability: triggers refuse UPDATE/DELETE/TRUNCATE, and the app role only holds SELECT, INSERT.
 */
export const eventsMigration: Migration = {
  id: '0001_events',
  up: ({ schema: s, appRole }) => `
CREATE SEQUENCE ${s}.global_position_seq AS bigint MINVALUE 1 START 1 CACHE 1;

CREATE TABLE ${s}.events (
  global_position bigint PRIMARY KEY,
  stream_id       text        NOT NULL CHECK (length(stream_id) BETWEEN 1 AND 200),
  stream_version  bigint      NOT NULL CHECK (stream_version >= 1),
  event_id        uuid        NOT NULL,
  type            text        NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
  schema_version  integer     NOT NULL CHECK (schema_version >= 1),
  data            text        NOT NULL,
  metadata        text        NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL,
  transaction_id  xid8        NOT NULL,
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
  CONSTRAINT events_event_id_key UNIQUE (event_id)
);
CREATE INDEX events_type_position_idx ON ${s}.events (type, global_position);

-- Keys that name a stream (e.g. "visit:<id>" names the fieldwork stream that holds that visit). They are
-- inserted in the same transaction as the events that create them, so a lookup never points at a
-- stream that does not hold the entity, and a key can never be claimed by two streams.
CREATE TABLE ${s}.stream_keys (
  key        text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 300),
  stream_id  text NOT NULL,
  global_position bigint NOT NULL
);

CREATE FUNCTION ${s}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'DBIMM';
END $fn$;

CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON ${s}.events
  FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ${s}.events
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_change();
CREATE TRIGGER stream_keys_no_update_delete BEFORE UPDATE OR DELETE ON ${s}.stream_keys
  FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_change();
CREATE TRIGGER stream_keys_no_truncate BEFORE TRUNCATE ON ${s}.stream_keys
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_change();

-- Whether these events are already stored in this stream with the same content (type, schema version,
-- data, occurredAt; metadata is not compared, so a retry may carry a new request id): then the stream
-- version and positions they got, which is what the first append returned. NULL when none of the ids is
-- stored; DBEID when only some are, or with other content, or in another stream.
CREATE FUNCTION ${s}.replayed_append(
  p_stream_id text, p_event_ids uuid[], p_types text[], p_schema_versions integer[],
  p_data text[], p_occurred_at timestamptz[],
  OUT next_version bigint, OUT positions bigint[]
) LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  v_found integer;
  v_same integer;
BEGIN
  SELECT count(e.event_id),
         count(*) FILTER (WHERE e.stream_id = p_stream_id AND e.type = n.type AND e.schema_version = n.schema_version
                            AND e.data = n.data AND e.occurred_at = n.occurred_at),
         max(e.stream_version), array_agg(e.global_position ORDER BY n.ord)
    INTO v_found, v_same, next_version, positions
  FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_occurred_at)
         WITH ORDINALITY AS n(event_id, type, schema_version, data, occurred_at, ord)
  LEFT JOIN ${s}.events e ON e.event_id = n.event_id;
  IF v_found = 0 THEN
    next_version := NULL;
    positions := NULL;
  ELSIF v_same < cardinality(p_event_ids) THEN
    RAISE EXCEPTION 'event ids already used with other content or in another stream'
      USING ERRCODE = 'DBEID', DETAIL = p_stream_id;
  END IF;
END $fn$;

-- Appends events to one stream atomically; returns the stream's new version and the events' global
-- positions. p_expected: 'any' | 'no_stream' | 'stream_exists' | a decimal version.
-- Errors: DBEVC expected version conflict (DETAIL = actual version), DBEID event id reused with other
-- content or in another stream, DBKEY a stream key already names another stream.
--
-- Idempotency costs nothing on the way that succeeds. A retry either arrives with an expected version
-- the first append made stale (step 2 asks replayed_append, and answers with the first result), or,
-- with 'any'/'stream_exists', gets as far as the INSERT, which fails on events_event_id_key (23505):
-- the adapter then asks replayed_append itself. The failed attempt is rolled back, so it writes
-- nothing; the positions it drew are a gap, as for any rolled-back append. (Probing the ids up front
-- on every append cost about a sixth of the function's time, for the rare retry.)
--
-- No NOTIFY here: the adapter sends it after the commit (see src/store/postgres/commitSignal.ts).
CREATE FUNCTION ${s}.append_to_stream(
  p_stream_id text, p_expected text,
  p_event_ids uuid[], p_types text[], p_schema_versions integer[],
  p_data text[], p_metadata text[], p_occurred_at timestamptz[], p_keys text[],
  OUT next_version bigint, OUT positions bigint[]
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_n integer := cardinality(p_event_ids);
  v_current bigint;
  v_now timestamptz;
  -- Takes the (void) results of the lock and xid functions: an assignment is evaluated as a simple
  -- expression (~0.5 µs), where PERFORM runs a query through the executor (~4 µs); four of them per
  -- append, and the critical section below gets shorter too.
  v_void text;
BEGIN
  IF v_n IS NULL OR v_n = 0 THEN
    RAISE EXCEPTION 'no events to append' USING ERRCODE = '22023';
  END IF;
  -- 1. Writers to one stream take turns (held to commit); hash collisions only cost a wait.
  v_void := pg_advisory_xact_lock(1684234849, hashtext(p_stream_id));

  -- 2. Expected version, checked before any position is drawn. A conflict may be a retry of an append
  --    that went through: then the first result is the answer.
  SELECT coalesce(max(e.stream_version), 0) INTO v_current FROM ${s}.events e WHERE e.stream_id = p_stream_id;
  IF NOT (p_expected = 'any'
          OR (p_expected = 'no_stream' AND v_current = 0)
          OR (p_expected = 'stream_exists' AND v_current > 0)
          OR (p_expected ~ '^[0-9]{1,18}$' AND v_current = p_expected::bigint)) THEN
    SELECT r.next_version, r.positions INTO next_version, positions
    FROM ${s}.replayed_append(p_stream_id, p_event_ids, p_types, p_schema_versions, p_data, p_occurred_at) r;
    IF positions IS NOT NULL THEN
      RETURN;
    END IF;
    RAISE EXCEPTION 'expected version % but stream is at %', p_expected, v_current
      USING ERRCODE = 'DBEVC', DETAIL = v_current::text;
  END IF;

  -- 3. Stream keys must be free (or already ours). Two IFs, not one with AND: a condition with a
  --    subquery runs through the executor (plan start-up included) even when p_keys is NULL: ~7 % of
  --    the backend CPU of an append without keys, measured.
  IF p_keys IS NOT NULL THEN
    IF EXISTS (SELECT 1 FROM ${s}.stream_keys k WHERE k.key = ANY (p_keys) AND k.stream_id <> p_stream_id) THEN
      RAISE EXCEPTION 'a stream key already names another stream' USING ERRCODE = 'DBKEY', DETAIL = p_stream_id;
    END IF;
  END IF;

  -- 4. Critical section: the xid and the positions are drawn in one global order, so that a
  --    transaction with a smaller xid always holds smaller positions. Readers then hide rows whose
  --    xid is not below the oldest running xid, and what they see is always a prefix of the log.
  --    A session lock (released here, not at commit) keeps commits concurrent (group commit); the
  --    exception block makes sure an error cannot leave the session holding it.
  v_void := pg_advisory_lock(1684234849, 0);
  BEGIN
    v_void := pg_current_xact_id();
    IF v_n = 1 THEN
      -- One event (the common case): a plain expression, not a query.
      positions := ARRAY[nextval('${s}.global_position_seq')];
    ELSE
      SELECT array_agg(nextval('${s}.global_position_seq') ORDER BY g) INTO positions
      FROM generate_series(1, v_n) AS g;
    END IF;
  EXCEPTION WHEN OTHERS THEN
    PERFORM pg_advisory_unlock(1684234849, 0);
    RAISE;
  END;
  v_void := pg_advisory_unlock(1684234849, 0);

  -- 5. The rows. recorded_at in milliseconds: the ledger and JavaScript both round-trip them exactly.
  --    An event id stored before fails here on events_event_id_key (see idempotency above).
  v_now := date_trunc('milliseconds', clock_timestamp());
  IF v_n = 1 THEN
    -- One event, the common case: a VALUES row costs measurably less backend CPU than unnest WITH
    -- ORDINALITY (its function scan and materialization), ~10-20 % of the function in our probes.
    INSERT INTO ${s}.events (global_position, stream_id, stream_version, event_id, type, schema_version,
                             data, metadata, occurred_at, recorded_at, transaction_id)
    VALUES (positions[1], p_stream_id, v_current + 1, p_event_ids[1], p_types[1], p_schema_versions[1],
            p_data[1], p_metadata[1], p_occurred_at[1], v_now, pg_current_xact_id());
  ELSE
    INSERT INTO ${s}.events (global_position, stream_id, stream_version, event_id, type, schema_version,
                             data, metadata, occurred_at, recorded_at, transaction_id)
    SELECT positions[n.ord], p_stream_id, v_current + n.ord, n.event_id, n.type, n.schema_version,
           n.data, n.metadata, n.occurred_at, v_now, pg_current_xact_id()
    FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata, p_occurred_at)
           WITH ORDINALITY AS n(event_id, type, schema_version, data, metadata, occurred_at, ord);
  END IF;

  IF p_keys IS NOT NULL AND cardinality(p_keys) > 0 THEN
    INSERT INTO ${s}.stream_keys (key, stream_id, global_position)
    SELECT k, p_stream_id, positions[1] FROM unnest(p_keys) AS k
    WHERE NOT EXISTS (SELECT 1 FROM ${s}.stream_keys sk WHERE sk.key = k);
    -- A concurrent claim by another stream makes this insert fail on the primary key (23505),
    -- which the adapter reports like DBKEY.
  END IF;

  next_version := v_current + v_n;
END $fn$;

GRANT USAGE ON SCHEMA ${s} TO ${appRole};
GRANT SELECT, INSERT ON ${s}.events, ${s}.stream_keys TO ${appRole};
GRANT USAGE ON SEQUENCE ${s}.global_position_seq TO ${appRole};
GRANT EXECUTE ON FUNCTION ${s}.append_to_stream(text, text, uuid[], text[], integer[], text[], text[], timestamptz[], text[]) TO ${appRole};
GRANT EXECUTE ON FUNCTION ${s}.replayed_append(text, uuid[], text[], integer[], text[], timestamptz[]) TO ${appRole};
`,
};
