-- PostgreSQL 17 and later: loaded after all-objects.sql.
SET client_min_messages = warning;

-- 17: the MAINTAIN privilege.
GRANT MAINTAIN ON tusk_a.many_rows TO tusk_writer;

-- 17: identity columns on partitioned tables.
CREATE TABLE tusk_a.since_17 (
  id integer GENERATED ALWAYS AS IDENTITY,
  part integer NOT NULL
) PARTITION BY LIST (part);
CREATE TABLE tusk_a.since_17_one PARTITION OF tusk_a.since_17 FOR VALUES IN (1);
INSERT INTO tusk_a.since_17 (part) VALUES (1), (1);
