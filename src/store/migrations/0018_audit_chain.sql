-- The audit log becomes append-only and tamper-evident (issue 7 §2).
--
-- Each entry gets its place in a hash chain: seq (1, 2, 3, … in the order appends took the chain
-- head), prev_hash (the previous entry's hash; 64 zeros for the first) and hash (SHA-256 of the
-- entry's canonical text, computed by the application: src/domain/audit/chain.ts). audit_chain_head
-- is one row: where the chain ends. Appenders lock it FOR UPDATE, so appends from concurrent
-- transactions form one chain in commit order.
--
-- Triggers refuse UPDATE, DELETE and TRUNCATE of the log, refuse an INSERT that does not continue the
-- chain at the head, and move the head with every append, so the log and its head cannot drift apart
-- through the application. The head itself cannot be written directly.
--
-- Entries written before this migration keep seq NULL: the first append (or `fuwu audit verify`)
-- links them, in id order, before anything else (the hash is computed in TypeScript, which a
-- migration cannot run). Linking such an entry, once, without changing its content, is the only
-- UPDATE the trigger lets through.

ALTER TABLE audit_log ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text;
CREATE UNIQUE INDEX audit_log_seq_key ON audit_log (seq);
CREATE INDEX audit_log_unlinked ON audit_log (id) WHERE seq IS NULL;

-- pre_chain_through: the last id written before this migration. Only entries up to it may be linked
-- after the fact; an unlinked entry past it was slipped in around the triggers and stays unlinked,
-- for the verifier to name.
CREATE TABLE audit_chain_head (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq bigint NOT NULL,
  hash text NOT NULL,
  pre_chain_through bigint NOT NULL
);
INSERT INTO audit_chain_head (one, seq, hash, pre_chain_through)
  SELECT true, 0, repeat('0', 64), coalesce(max(id), 0) FROM audit_log;

CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_head%ROWTYPE;
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'audit_log is append-only: % is refused (审计日志只能追加：不可 %)', TG_OP, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO head FROM audit_chain_head FOR UPDATE;
  IF TG_OP = 'UPDATE' AND (
       OLD.id > head.pre_chain_through
       OR OLD.seq IS NOT NULL OR OLD.prev_hash IS NOT NULL OR OLD.hash IS NOT NULL
       OR NEW.id IS DISTINCT FROM OLD.id OR NEW.at IS DISTINCT FROM OLD.at
       OR NEW.actor_id IS DISTINCT FROM OLD.actor_id OR NEW.actor IS DISTINCT FROM OLD.actor
       OR NEW.action IS DISTINCT FROM OLD.action OR NEW.entity IS DISTINCT FROM OLD.entity
       OR NEW.entity_id IS DISTINCT FROM OLD.entity_id OR NEW.detail IS DISTINCT FROM OLD.detail) THEN
    RAISE EXCEPTION 'audit_log is append-only: entry % cannot be changed (审计日志只能追加：条目 % 不可修改)',
      OLD.id, OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.seq IS DISTINCT FROM head.seq + 1 OR NEW.prev_hash IS DISTINCT FROM head.hash
     OR NEW.hash IS NULL THEN
    RAISE EXCEPTION 'audit_log entry must continue the chain at seq % after hash % (got seq %, prev_hash %) (审计日志条目须接在链头之后)',
      head.seq + 1, head.hash, NEW.seq, NEW.prev_hash USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash;
  RETURN NEW;
END $$;

CREATE TRIGGER audit_log_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();

-- The head moves only from inside audit_log_guard (trigger depth 2), never by a statement of its own.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_head moves only with an append to audit_log: % is refused (审计链头只随追加移动：不可 %)',
    TG_OP, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_chain_head_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard();
