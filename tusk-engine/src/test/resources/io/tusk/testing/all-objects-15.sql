-- PostgreSQL 15 and later: loaded after all-objects.sql.
SET client_min_messages = warning;

-- 15: NULLS NOT DISTINCT.
CREATE TABLE tusk_a.since_15 (
  id integer PRIMARY KEY,
  code text,
  parent_id integer,
  dept_id integer,
  CONSTRAINT since_15_code_unique UNIQUE NULLS NOT DISTINCT (code)
);
CREATE UNIQUE INDEX since_15_pair_idx ON tusk_a.since_15 (parent_id, dept_id) NULLS NOT DISTINCT;
-- 15: ON DELETE SET NULL of some columns only.
ALTER TABLE tusk_a.since_15 ADD CONSTRAINT since_15_parent_fk FOREIGN KEY (parent_id, dept_id)
  REFERENCES tusk_a.match_full (a, b) ON DELETE SET NULL (parent_id);
INSERT INTO tusk_a.since_15 VALUES (1, NULL, 1, 1), (2, 'x', NULL, NULL);

-- 15: security_invoker views.
CREATE VIEW tusk_a.invoker_view WITH (security_invoker = true) AS SELECT id, secret FROM tusk_a.secrets;

-- 15: publications of schemas, row filters and column lists.
CREATE PUBLICATION tusk_pub_schema FOR TABLES IN SCHEMA "Tusk Mixed Case";
CREATE PUBLICATION tusk_pub_filtered FOR TABLE tusk_a.people (id, first_name) WHERE (id > 1000) WITH (publish = 'insert');
