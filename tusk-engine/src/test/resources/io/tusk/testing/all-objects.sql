-- Every kind of object a dump engine must reproduce, loadable on PostgreSQL 12 and later.
-- Features of later majors live in all-objects-NN.sql, loaded after this file on servers of major NN or later.
-- Rows are deterministic: no random(), no now() in stored values.
-- Load with: psql -X -q -v ON_ERROR_STOP=1 -f all-objects.sql (autocommit: ALTER TYPE ... ADD VALUE needs it on 12).

SET client_min_messages = warning;

-- Roles are cluster-global: another database of the same cluster may have created them already.
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['tusk_owner', 'tusk_reader', 'tusk_writer'] LOOP
    BEGIN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END LOOP;
END
$$;

CREATE SCHEMA tusk_a;
CREATE SCHEMA "Tusk Mixed Case" AUTHORIZATION tusk_owner;
CREATE SCHEMA tusk_ext;
COMMENT ON SCHEMA tusk_a IS 'Tusk test kit: the main schema';
COMMENT ON SCHEMA "Tusk Mixed Case" IS 'a schema whose name needs quotes';
ALTER SCHEMA tusk_a OWNER TO tusk_owner;
GRANT USAGE ON SCHEMA tusk_a TO tusk_reader, tusk_writer;
GRANT CREATE ON SCHEMA tusk_a TO tusk_writer;
GRANT USAGE ON SCHEMA tusk_ext TO PUBLIC;

-- Extensions shipped with PostgreSQL that need no shared_preload_libraries.
CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA tusk_ext;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA tusk_ext;
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA tusk_ext;
CREATE EXTENSION IF NOT EXISTS postgres_fdw WITH SCHEMA tusk_ext;
COMMENT ON EXTENSION hstore IS 'key/value pairs (comment changed by the Tusk test kit)';

SET search_path = tusk_a, tusk_ext, public;

-- Types ----------------------------------------------------------------------------------------

CREATE TYPE tusk_a.mood AS ENUM ('sad', 'ok', 'happy');
ALTER TYPE tusk_a.mood ADD VALUE 'meh' BEFORE 'ok';
ALTER TYPE tusk_a.mood ADD VALUE 'ecstatic' AFTER 'happy';
COMMENT ON TYPE tusk_a.mood IS 'an enum with values added out of order';
ALTER TYPE tusk_a.mood OWNER TO tusk_owner;
REVOKE USAGE ON TYPE tusk_a.mood FROM PUBLIC;
GRANT USAGE ON TYPE tusk_a.mood TO tusk_reader;

CREATE TYPE tusk_a.pair AS (label text, val numeric(10, 2));
COMMENT ON TYPE tusk_a.pair IS 'a composite type';
COMMENT ON COLUMN tusk_a.pair.label IS 'a composite attribute';

CREATE DOMAIN tusk_a.positive_int AS integer NOT NULL DEFAULT 1
  CONSTRAINT positive_int_check CHECK (VALUE > 0);
COMMENT ON DOMAIN tusk_a.positive_int IS 'a domain with NOT NULL, DEFAULT and CHECK';
COMMENT ON CONSTRAINT positive_int_check ON DOMAIN tusk_a.positive_int IS 'a domain constraint';
CREATE DOMAIN tusk_a.us_zip AS text COLLATE "C"
  CONSTRAINT us_zip_format CHECK (VALUE ~ '^\d{5}(-\d{4})?$');
ALTER DOMAIN tusk_a.us_zip ADD CONSTRAINT us_zip_not_zero CHECK (VALUE <> '00000') NOT VALID;
GRANT USAGE ON DOMAIN tusk_a.us_zip TO tusk_writer;

CREATE FUNCTION tusk_a.float8_diff(a float8, b float8) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT a - b';
CREATE TYPE tusk_a.float_range AS RANGE (subtype = float8, subtype_diff = tusk_a.float8_diff);
COMMENT ON TYPE tusk_a.float_range IS 'a range type with subtype_diff';

CREATE COLLATION tusk_a.case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION tusk_a.case_insensitive IS 'a nondeterministic ICU collation';
CREATE COLLATION tusk_a.posix_copy FROM "POSIX";

-- Tables with every common column type -------------------------------------------------------

CREATE TABLE tusk_a.all_types (
  id integer PRIMARY KEY,
  c_int2 smallint,
  c_int4 integer,
  c_int8 bigint,
  c_numeric numeric(12, 4),
  c_numeric_free numeric,
  c_real real,
  c_double double precision,
  c_text text,
  c_varchar varchar(20),
  c_char char(5),
  c_text_c text COLLATE "C",
  c_text_posix text COLLATE "POSIX",
  c_text_ci text COLLATE tusk_a.case_insensitive,
  c_bytea bytea,
  c_bool boolean,
  c_date date,
  c_time time(6),
  c_timetz timetz,
  c_timestamp timestamp,
  c_timestamptz timestamptz,
  c_interval interval,
  c_interval_ds interval day to second(3),
  c_uuid uuid,
  c_json json,
  c_jsonb jsonb,
  c_xml xml,
  c_inet inet,
  c_cidr cidr,
  c_macaddr macaddr,
  c_macaddr8 macaddr8,
  c_money money,
  c_bit bit(8),
  c_varbit varbit(16),
  c_tsvector tsvector,
  c_tsquery tsquery,
  c_int_array integer[],
  c_text_matrix text[][],
  c_pair_array tusk_a.pair[],
  c_int4range int4range,
  c_numrange numrange,
  c_tstzrange tstzrange,
  c_daterange daterange,
  c_float_range tusk_a.float_range,
  c_point point,
  c_line line,
  c_lseg lseg,
  c_box box,
  c_path path,
  c_polygon polygon,
  c_circle circle,
  c_oid oid,
  c_pg_lsn pg_lsn,
  c_mood tusk_a.mood,
  c_positive tusk_a.positive_int,
  c_zip tusk_a.us_zip,
  c_pair tusk_a.pair,
  c_hstore tusk_ext.hstore,
  c_citext tusk_ext.citext
);
COMMENT ON TABLE tusk_a.all_types IS 'one column per common type, odd values in the rows';
COMMENT ON COLUMN tusk_a.all_types.c_double IS 'NaN, Infinity and -0 live here';

INSERT INTO tusk_a.all_types VALUES
 (1, -32768, -2147483648, -9223372036854775808, -12345678.1234, 'NaN', 'NaN', '-0', 'plain', 'varchar', 'ab', 'C text', 'posix', 'Case',
  '\x00ff7f80', true, '4713-01-01 BC', '00:00:00', '00:00:00+14:59', '-infinity', '-infinity', '-178000000 years', '1 day 00:00:00.123',
  '00000000-0000-0000-0000-000000000000', '{"b": 1, "a": [1, 2.50, null],  "a": "dup"}', '{"b": 1, "a": [1, 2.50, null], "nested": {"x": "\u00e9"}}',
  '<doc><a b="1">text &amp; more</a></doc>', '10.1.2.3/8', '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05', '-92233720368547758.08',
  B'10101010', B'1', 'a fat cat sat on a mat', 'fat & (rat | cat)', '{1,NULL,3}', '{{a,b},{c,"d e"}}',
  ARRAY[ROW('one', 1.5)::tusk_a.pair, ROW(NULL, NULL)::tusk_a.pair], '[1,10)', '(,)', '["2020-01-01 00:00:00+00","2020-01-02 00:00:00+00")', 'empty',
  '[1.5,2.5]', '(0,0)', '{1,-1,0}', '[(0,0),(1,1)]', '(1,1),(0,0)', '[(0,0),(1,1),(2,0)]', '((0,0),(1,1),(1,0))', '<(0,0),1>', 0, '0/0',
  'sad', 1, '12345', ROW('p', 0), 'a=>1, "b c"=>NULL', 'MiXeD'),
 (2, 32767, 2147483647, 9223372036854775807, 99999999.9999, '-0.000000000000000000000000000001', 'Infinity', '-Infinity',
  E'tab\there\nnewline\\backslash\n\\.\nafter a backslash-dot line\r\ncrlf', 'ünïcödé 日本語', 'xyz  ', E'\\N', 'NULL', '',
  '\x', false, '294276-12-31', '24:00:00', '23:59:59.999999-15:59', 'infinity', 'infinity', '178000000 years 11 mons 30 days 23:59:59.999999', '-1 day -00:00:00.001',
  'ffffffff-ffff-ffff-ffff-ffffffffffff', '[]', '[{}, [], "", 0, -0.0, 1e100, true, false, null]',
  'just text, no element', '::1', '2001:db8::/32', 'ff:ff:ff:ff:ff:ff', 'ff:ff:ff:ff:ff:ff:ff:ff', '92233720368547758.07',
  B'00000000', B'', '', '!x', '{}', '{}', '{}', 'empty', '[-1.5,)', '[2020-01-01 00:00:00+00,)', '[-infinity,infinity)',
  '(,0]', '(1.5e300,-2.5e-300)', '{0,1,-1e10}', '[(0,0),(0,0)]', '(0,0),(0,0)', '((0,0))', '((1,1))', '<(1e10,-1e10),0>', 4294967295, 'FFFFFFFF/FFFFFFFF',
  'ecstatic', 2147483647, '12345-6789', ROW(E'quote\" comma, paren)', -99999999.99), '', ''),
 (3, 0, 0, 0, 0, '1e-40', '1.17549435e-38', '2.2250738585072014e-308',
  repeat('long text, out of line in TOAST. ', 500), NULL, NULL, NULL, NULL, NULL,
  decode(repeat('deadbeef', 2000), 'hex'), NULL, '2000-02-29', '12:34:56.789012', '12:34:56.789012+05:30', '1999-12-31 23:59:59.999999', '2000-01-01 00:00:00.000001+00',
  '1 mon -1 day 1 hour', '0', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '[0:1]={7,8}', '{{{1}}}', NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, NULL, NULL, NULL, NULL);
INSERT INTO tusk_a.all_types (id) VALUES (4);

-- Column settings: storage, statistics, attribute options.
ALTER TABLE tusk_a.all_types ALTER COLUMN c_text SET STORAGE EXTERNAL;
ALTER TABLE tusk_a.all_types ALTER COLUMN c_bytea SET STORAGE MAIN;
ALTER TABLE tusk_a.all_types ALTER COLUMN c_int4 SET STATISTICS 500;
ALTER TABLE tusk_a.all_types ALTER COLUMN c_int8 SET (n_distinct = -0.5);

-- Defaults, NOT NULL, identity, generated, storage parameters ---------------------------------

CREATE SEQUENCE tusk_a.custom_seq AS integer START WITH 100 INCREMENT BY -5 MINVALUE -1000 MAXVALUE 1000 CYCLE CACHE 10;
SELECT setval('tusk_a.custom_seq', 42);
COMMENT ON SEQUENCE tusk_a.custom_seq IS 'a sequence with every option';
CREATE SEQUENCE tusk_a.not_called_seq START WITH 7;
SELECT setval('tusk_a.not_called_seq', 500, false);
CREATE SEQUENCE tusk_a.untouched_seq AS smallint;
GRANT USAGE, SELECT ON SEQUENCE tusk_a.custom_seq TO tusk_writer;
GRANT SELECT ON SEQUENCE tusk_a.not_called_seq TO tusk_reader;

CREATE TABLE tusk_a.people (
  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 10 MINVALUE 1000 MAXVALUE 100000000 CACHE 5),
  legacy_no integer GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME tusk_a.people_legacy_seq START WITH 7 CYCLE),
  serial_no serial,
  custom_no integer NOT NULL DEFAULT nextval('tusk_a.custom_seq'),
  first_name text NOT NULL,
  last_name text NOT NULL DEFAULT '',
  full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED,
  mood tusk_a.mood DEFAULT 'ok',
  rank tusk_a.positive_int,
  born date DEFAULT '1970-01-01',
  created timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  tags text[] DEFAULT '{}'::text[],
  CONSTRAINT people_pkey PRIMARY KEY (id),
  CONSTRAINT people_name_unique UNIQUE (first_name, last_name)
) WITH (fillfactor = 70, autovacuum_enabled = false, autovacuum_vacuum_scale_factor = 0.05, toast.autovacuum_enabled = false);
COMMENT ON TABLE tusk_a.people IS 'identity, serial, generated and defaults';
COMMENT ON COLUMN tusk_a.people.full_name IS 'a stored generated column';
COMMENT ON CONSTRAINT people_name_unique ON tusk_a.people IS 'a unique constraint';
ALTER SEQUENCE tusk_a.custom_seq OWNED BY tusk_a.people.custom_no;
INSERT INTO tusk_a.people (first_name, last_name, mood, rank, born, created, tags)
SELECT 'First' || g, 'Last' || (g % 17), (ARRAY['sad', 'meh', 'ok', 'happy', 'ecstatic'])[1 + g % 5]::tusk_a.mood, 1 + g % 9,
       date '1950-01-01' + g * 17, timestamptz '2020-06-01 12:00:00+00' + g * interval '1 hour 1 second', ARRAY['t' || g % 3]
FROM generate_series(1, 60) g;
ALTER TABLE tusk_a.people REPLICA IDENTITY FULL;

GRANT SELECT ON tusk_a.people TO tusk_reader;
GRANT SELECT (id, first_name), UPDATE (last_name) ON tusk_a.people TO tusk_writer;
GRANT INSERT, DELETE ON tusk_a.people TO tusk_writer WITH GRANT OPTION;
REVOKE TRUNCATE ON tusk_a.people FROM tusk_writer;

CREATE UNLOGGED TABLE tusk_a.scratch (
  k text PRIMARY KEY,
  v jsonb
);
INSERT INTO tusk_a.scratch VALUES ('a', '{"n": 1}'), ('b', '{"n": 2}');

-- A table with a dropped column, a zero-column table, an empty table, a big table.
CREATE TABLE tusk_a.dropped_column (id integer PRIMARY KEY, gone text, kept text);
ALTER TABLE tusk_a.dropped_column DROP COLUMN gone;
INSERT INTO tusk_a.dropped_column VALUES (1, 'one'), (2, 'two');

CREATE TABLE tusk_a.no_columns ();
INSERT INTO tusk_a.no_columns DEFAULT VALUES;
INSERT INTO tusk_a.no_columns DEFAULT VALUES;
INSERT INTO tusk_a.no_columns DEFAULT VALUES;
COMMENT ON TABLE tusk_a.no_columns IS 'zero columns, three rows';

CREATE TABLE tusk_a.empty_table (id integer PRIMARY KEY, note text);

CREATE TABLE tusk_a.many_rows (
  id integer PRIMARY KEY,
  grp integer NOT NULL,
  label text NOT NULL,
  amount numeric(12, 2),
  at timestamp NOT NULL,
  doc jsonb,
  loc point,
  bounds box
);
INSERT INTO tusk_a.many_rows
SELECT g, g % 37, md5(g::text), (g * 7.31)::numeric(12, 2), timestamp '2021-01-01' + g * interval '37 minutes',
       jsonb_build_object('g', g, 'even', g % 2 = 0, 'tags', jsonb_build_array('x' || g % 5)),
       point(g % 100, g / 100), box(point(g % 50, g % 70), point(g % 50 + 3, g % 70 + 4))
FROM generate_series(1, 5000) g;

-- Names that need quotes, reserved words.
CREATE TABLE "Tusk Mixed Case"."Order Lines" (
  "Line No" integer PRIMARY KEY,
  "select" text,
  "from" integer,
  "Quote""d" text,
  "UPPER" text,
  "ünï" text
);
INSERT INTO "Tusk Mixed Case"."Order Lines" VALUES (1, 'select', 2, 'has "quotes"', 'UP', 'ü'), (2, NULL, NULL, NULL, NULL, NULL);
COMMENT ON COLUMN "Tusk Mixed Case"."Order Lines"."Quote""d" IS 'a column name with a double quote';
CREATE TABLE tusk_a."table" ("column" integer, "user" text);
INSERT INTO tusk_a."table" VALUES (1, 'reserved');
CREATE SEQUENCE "Tusk Mixed Case"."Seq.With.Dots";

-- Constraints ---------------------------------------------------------------------------------

CREATE TABLE tusk_a.dept (
  id integer PRIMARY KEY,
  name text NOT NULL CHECK (name <> ''),
  manager_id integer
);
CREATE TABLE tusk_a.emp (
  id integer PRIMARY KEY,
  dept_id integer NOT NULL,
  boss_id integer REFERENCES tusk_a.emp (id) ON DELETE SET NULL,
  email text,
  salary numeric(10, 2) CONSTRAINT salary_positive CHECK (salary > 0),
  CONSTRAINT emp_dept_fk FOREIGN KEY (dept_id) REFERENCES tusk_a.dept (id) ON UPDATE CASCADE ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT emp_email_unique UNIQUE (email) DEFERRABLE
);
-- A two-table foreign key cycle.
ALTER TABLE tusk_a.dept ADD CONSTRAINT dept_manager_fk FOREIGN KEY (manager_id) REFERENCES tusk_a.emp (id)
  ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
COMMENT ON CONSTRAINT dept_manager_fk ON tusk_a.dept IS 'closes the dept/emp cycle';
BEGIN;
INSERT INTO tusk_a.dept VALUES (1, 'Engineering', 10), (2, 'Sales', 20);
INSERT INTO tusk_a.emp VALUES (10, 1, NULL, 'boss@example.org', 1000), (11, 1, 10, 'dev@example.org', 900),
  (20, 2, 10, 'sales@example.org', 800), (21, 2, 20, NULL, 700);
COMMIT;

CREATE TABLE tusk_a.match_full (
  a integer,
  b integer,
  PRIMARY KEY (a, b)
);
INSERT INTO tusk_a.match_full VALUES (1, 1), (1, 2);
CREATE TABLE tusk_a.match_full_ref (
  id integer PRIMARY KEY,
  a integer,
  b integer,
  FOREIGN KEY (a, b) REFERENCES tusk_a.match_full (a, b) MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL
);
INSERT INTO tusk_a.match_full_ref VALUES (1, 1, 1), (2, NULL, NULL), (3, 1, 2);

CREATE TABLE tusk_a.checks (
  id integer PRIMARY KEY,
  qty integer,
  price numeric,
  CONSTRAINT qty_not_negative CHECK (qty >= 0),
  CONSTRAINT price_sane CHECK (price < 1000000) NO INHERIT
);
INSERT INTO tusk_a.checks VALUES (1, 5, 10), (2, 0, 999);
-- A NOT VALID check with a row that violates it: the dump must add the constraint after the data.
ALTER TABLE tusk_a.checks ADD CONSTRAINT price_positive CHECK (price > 0) NOT VALID;
INSERT INTO tusk_a.checks VALUES (3, 1, 1);
UPDATE tusk_a.checks SET price = -1 WHERE id = 1 AND false;
COMMENT ON CONSTRAINT price_positive ON tusk_a.checks IS 'NOT VALID';
CREATE TABLE tusk_a.fk_not_valid (id integer PRIMARY KEY, check_id integer);
INSERT INTO tusk_a.fk_not_valid VALUES (1, 1), (2, 99);
ALTER TABLE tusk_a.fk_not_valid ADD CONSTRAINT fk_not_valid_check_fk FOREIGN KEY (check_id) REFERENCES tusk_a.checks (id) NOT VALID;

CREATE TABLE tusk_a.bookings (
  id integer PRIMARY KEY,
  room integer NOT NULL,
  during tstzrange NOT NULL,
  area box,
  EXCLUDE USING gist (during WITH &&) WHERE (room > 0),
  CONSTRAINT bookings_area_excl EXCLUDE USING gist (area WITH &&)
);
INSERT INTO tusk_a.bookings VALUES
  (1, 1, '[2024-01-01 10:00+00,2024-01-01 11:00+00)', '(1,1),(0,0)'),
  (2, 1, '[2024-01-01 11:00+00,2024-01-01 12:00+00)', '(3,3),(2,2)');
COMMENT ON CONSTRAINT bookings_area_excl ON tusk_a.bookings IS 'an exclusion constraint on a box';

-- Indexes: partial, expression, INCLUDE, DESC NULLS FIRST, unique, one per access method ---------

CREATE INDEX many_rows_grp_at_idx ON tusk_a.many_rows (grp, at DESC NULLS FIRST);
CREATE INDEX many_rows_lower_label_idx ON tusk_a.many_rows (lower(label) text_pattern_ops) WITH (fillfactor = 80);
CREATE INDEX many_rows_partial_idx ON tusk_a.many_rows (amount) WHERE amount > 1000;
CREATE UNIQUE INDEX many_rows_label_include_idx ON tusk_a.many_rows (label) INCLUDE (amount, grp);
CREATE INDEX many_rows_hash_idx ON tusk_a.many_rows USING hash (label);
CREATE INDEX many_rows_gist_idx ON tusk_a.many_rows USING gist (bounds);
CREATE INDEX many_rows_gin_idx ON tusk_a.many_rows USING gin (doc jsonb_path_ops);
CREATE INDEX many_rows_spgist_idx ON tusk_a.many_rows USING spgist (loc);
CREATE INDEX many_rows_brin_idx ON tusk_a.many_rows USING brin (at) WITH (pages_per_range = 16);
CREATE INDEX many_rows_trgm_idx ON tusk_a.many_rows USING gin (label tusk_ext.gin_trgm_ops);
CREATE INDEX many_rows_collate_idx ON tusk_a.many_rows (label COLLATE "C" DESC);
CREATE INDEX people_tsv_idx ON tusk_a.all_types USING gin (c_tsvector);
COMMENT ON INDEX tusk_a.many_rows_partial_idx IS 'a partial index';
ALTER TABLE tusk_a.many_rows CLUSTER ON many_rows_grp_at_idx;
ALTER INDEX tusk_a.many_rows_lower_label_idx ALTER COLUMN 1 SET STATISTICS 300;

CREATE STATISTICS tusk_a.many_rows_stats (ndistinct, dependencies, mcv) ON grp, amount FROM tusk_a.many_rows;
COMMENT ON STATISTICS tusk_a.many_rows_stats IS 'extended statistics';

-- Functions, procedures, aggregates, operators, casts ------------------------------------------

CREATE FUNCTION tusk_a.add(a integer, b integer DEFAULT 1) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 5
  AS 'SELECT a + b';
COMMENT ON FUNCTION tusk_a.add(integer, integer) IS 'sql, defaults, IMMUTABLE STRICT PARALLEL SAFE COST';

CREATE FUNCTION tusk_a.series(n integer) RETURNS SETOF integer
  LANGUAGE sql STABLE ROWS 42
  AS $$ SELECT generate_series(1, n) $$;

CREATE FUNCTION tusk_a.split_name(full_name text, OUT first text, OUT rest text)
  LANGUAGE plpgsql IMMUTABLE
  AS $$
BEGIN
  first := split_part(full_name, ' ', 1);
  rest := substr(full_name, length(first) + 2);
END
$$;

CREATE FUNCTION tusk_a.total(VARIADIC nums numeric[]) RETURNS numeric
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT sum(x) FROM unnest(nums) x $$;

CREATE FUNCTION tusk_a.people_by_mood(m tusk_a.mood) RETURNS TABLE (id bigint, full_name text)
  LANGUAGE sql STABLE
  AS $$ SELECT p.id, p.full_name FROM tusk_a.people p WHERE p.mood = m $$;

CREATE FUNCTION tusk_a.count_people() RETURNS bigint
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET work_mem = '8MB'
  AS $$
BEGIN
  RETURN (SELECT count(*) FROM tusk_a.people);
END
$$;
ALTER FUNCTION tusk_a.count_people() OWNER TO tusk_owner;
REVOKE EXECUTE ON FUNCTION tusk_a.count_people() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tusk_a.count_people() TO tusk_reader;
COMMENT ON FUNCTION tusk_a.count_people() IS 'SECURITY DEFINER with SET search_path';

CREATE FUNCTION tusk_a.leak_ok(a text) RETURNS boolean
  LANGUAGE sql IMMUTABLE LEAKPROOF STRICT
  AS 'SELECT a IS NOT NULL';

CREATE FUNCTION "Tusk Mixed Case"."Weird Function"("Arg One" integer) RETURNS text
  LANGUAGE sql
  AS $$ SELECT 'it''s ' || "Arg One" $$;

CREATE PROCEDURE tusk_a.bump_rank(delta integer DEFAULT 1)
  LANGUAGE plpgsql
  AS $$
BEGIN
  UPDATE tusk_a.people SET rank = rank + delta WHERE false;
  COMMIT;
END
$$;
COMMENT ON PROCEDURE tusk_a.bump_rank(integer) IS 'a procedure that commits';
GRANT EXECUTE ON PROCEDURE tusk_a.bump_rank(integer) TO tusk_writer;

CREATE FUNCTION tusk_a.concat_step(state text, next text) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN state = '' THEN next ELSE state || ',' || next END $$;
CREATE FUNCTION tusk_a.concat_final(state text) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT '[' || state || ']' $$;
CREATE AGGREGATE tusk_a.list(text) (
  sfunc = tusk_a.concat_step,
  stype = text,
  finalfunc = tusk_a.concat_final,
  initcond = ''
);
COMMENT ON AGGREGATE tusk_a.list(text) IS 'an aggregate with initcond and finalfunc';
CREATE AGGREGATE tusk_a.big_sum(bigint) (
  sfunc = int8pl,
  stype = bigint,
  combinefunc = int8pl,
  parallel = safe
);

CREATE FUNCTION tusk_a.pair_distance(a tusk_a.pair, b tusk_a.pair) RETURNS numeric
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT abs(a.val - b.val) $$;
CREATE OPERATOR tusk_a.<-> (
  leftarg = tusk_a.pair,
  rightarg = tusk_a.pair,
  function = tusk_a.pair_distance,
  commutator = OPERATOR(tusk_a.<->)
);
COMMENT ON OPERATOR tusk_a.<-> (tusk_a.pair, tusk_a.pair) IS 'distance of two pairs';

CREATE FUNCTION tusk_a.pair_to_text(p tusk_a.pair) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT p.label || '=' || p.val $$;
CREATE CAST (tusk_a.pair AS text) WITH FUNCTION tusk_a.pair_to_text(tusk_a.pair) AS ASSIGNMENT;
COMMENT ON CAST (tusk_a.pair AS text) IS 'a cast with a function';

-- An operator class sorting integers backwards, used by an index.
CREATE FUNCTION tusk_a.int4_reverse_cmp(a integer, b integer) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS 'SELECT btint4cmp(b, a)';
CREATE OPERATOR CLASS tusk_a.int4_reverse_ops FOR TYPE integer USING btree AS
  OPERATOR 1 > , OPERATOR 2 >= , OPERATOR 3 = , OPERATOR 4 <= , OPERATOR 5 < ,
  FUNCTION 1 tusk_a.int4_reverse_cmp(integer, integer);
COMMENT ON OPERATOR CLASS tusk_a.int4_reverse_ops USING btree IS 'integers, largest first';
CREATE INDEX many_rows_reverse_idx ON tusk_a.many_rows (grp tusk_a.int4_reverse_ops);

-- A table access method that is heap under another name.
CREATE ACCESS METHOD tusk_heap TYPE TABLE HANDLER heap_tableam_handler;
COMMENT ON ACCESS METHOD tusk_heap IS 'heap, renamed';
CREATE TABLE tusk_a.other_am (id integer, v text) USING tusk_heap;
INSERT INTO tusk_a.other_am VALUES (1, 'stored by tusk_heap');

-- Text search.
CREATE TEXT SEARCH DICTIONARY tusk_a.tusk_simple (TEMPLATE = pg_catalog.simple, STOPWORDS = english);
CREATE TEXT SEARCH CONFIGURATION tusk_a.tusk_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION tusk_a.tusk_english ALTER MAPPING FOR word, asciiword WITH tusk_a.tusk_simple, english_stem;
COMMENT ON TEXT SEARCH CONFIGURATION tusk_a.tusk_english IS 'a copied, altered configuration';

-- Views and materialized views ---------------------------------------------------------------

CREATE VIEW tusk_a.happy_people WITH (security_barrier) AS
  SELECT id, first_name, last_name, mood FROM tusk_a.people WHERE mood >= 'happy';
COMMENT ON VIEW tusk_a.happy_people IS 'a security_barrier view';
COMMENT ON COLUMN tusk_a.happy_people.mood IS 'a view column';
GRANT SELECT ON tusk_a.happy_people TO tusk_reader;

CREATE VIEW tusk_a.positive_checks AS
  SELECT id, qty, price FROM tusk_a.checks WHERE qty > 0
  WITH CASCADED CHECK OPTION;
CREATE VIEW tusk_a.positive_checks_local AS
  SELECT id, qty, price FROM tusk_a.positive_checks WHERE price > 1
  WITH LOCAL CHECK OPTION;
ALTER VIEW tusk_a.positive_checks ALTER COLUMN qty SET DEFAULT 1;

CREATE VIEW tusk_a.first_ten AS SELECT s AS n, tusk_a.add(s, 100) AS plus_hundred FROM tusk_a.series(10) s;
CREATE VIEW tusk_a.first_ten_even AS SELECT n FROM tusk_a.first_ten WHERE n % 2 = 0;
COMMENT ON VIEW tusk_a.first_ten_even IS 'a view over a view over a function';

CREATE RECURSIVE VIEW tusk_a.countdown (n) AS
  SELECT 5 UNION ALL SELECT n - 1 FROM countdown WHERE n > 0;

CREATE MATERIALIZED VIEW tusk_a.grp_totals AS
  SELECT grp, count(*) AS n, sum(amount) AS total FROM tusk_a.many_rows GROUP BY grp
  WITH DATA;
CREATE UNIQUE INDEX grp_totals_grp_idx ON tusk_a.grp_totals (grp);
COMMENT ON MATERIALIZED VIEW tusk_a.grp_totals IS 'a populated materialized view with an index';
CREATE MATERIALIZED VIEW tusk_a.never_refreshed AS SELECT id FROM tusk_a.people WITH NO DATA;
GRANT SELECT ON tusk_a.grp_totals TO tusk_reader;

-- Triggers -----------------------------------------------------------------------------------

CREATE TABLE tusk_a.audit_log (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  table_name text NOT NULL,
  op text NOT NULL,
  detail text
);

CREATE FUNCTION tusk_a.touch_row() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW.last_name := coalesce(NEW.last_name, '');
  RETURN NEW;
END
$$;
CREATE FUNCTION tusk_a.log_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  INSERT INTO tusk_a.audit_log (table_name, op, detail) VALUES (TG_TABLE_NAME, TG_OP, TG_ARGV[0]);
  RETURN NULL;
END
$$;
CREATE FUNCTION tusk_a.count_deleted() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  INSERT INTO tusk_a.audit_log (table_name, op, detail) SELECT TG_TABLE_NAME, TG_OP, count(*)::text FROM gone;
  RETURN NULL;
END
$$;

CREATE TRIGGER people_touch BEFORE INSERT OR UPDATE ON tusk_a.people
  FOR EACH ROW WHEN (NEW.last_name IS NULL OR NEW.last_name = '') EXECUTE FUNCTION tusk_a.touch_row();
CREATE TRIGGER people_mood_changed AFTER UPDATE OF mood ON tusk_a.people
  FOR EACH ROW WHEN (OLD.mood IS DISTINCT FROM NEW.mood) EXECUTE FUNCTION tusk_a.log_change('mood');
CREATE TRIGGER people_truncated AFTER TRUNCATE ON tusk_a.people
  FOR EACH STATEMENT EXECUTE FUNCTION tusk_a.log_change('truncate');
CREATE TRIGGER people_deleted AFTER DELETE ON tusk_a.people
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION tusk_a.count_deleted();
CREATE TRIGGER people_disabled AFTER INSERT ON tusk_a.people
  FOR EACH ROW EXECUTE FUNCTION tusk_a.log_change('disabled');
ALTER TABLE tusk_a.people DISABLE TRIGGER people_disabled;
CREATE TRIGGER people_always AFTER INSERT ON tusk_a.people
  FOR EACH STATEMENT EXECUTE FUNCTION tusk_a.log_change('always');
ALTER TABLE tusk_a.people ENABLE ALWAYS TRIGGER people_always;
CREATE CONSTRAINT TRIGGER emp_check_later AFTER INSERT OR UPDATE ON tusk_a.emp
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tusk_a.log_change('deferred');
COMMENT ON TRIGGER people_touch ON tusk_a.people IS 'BEFORE, row, WHEN';
COMMENT ON TRIGGER emp_check_later ON tusk_a.emp IS 'a constraint trigger';
UPDATE tusk_a.people SET mood = 'happy' WHERE id = 1000;

-- Rules: DO INSTEAD on a view, DO ALSO logging.
CREATE VIEW tusk_a.emp_names AS SELECT id, email FROM tusk_a.emp;
CREATE RULE emp_names_insert AS ON INSERT TO tusk_a.emp_names DO INSTEAD
  INSERT INTO tusk_a.emp (id, dept_id, email) VALUES (NEW.id, 1, NEW.email);
CREATE RULE checks_log_update AS ON UPDATE TO tusk_a.checks DO ALSO
  INSERT INTO tusk_a.audit_log (table_name, op, detail) VALUES ('checks', 'rule', OLD.id::text);
COMMENT ON RULE checks_log_update ON tusk_a.checks IS 'a DO ALSO rule';
UPDATE tusk_a.checks SET qty = qty WHERE id = 2;

-- Partitioned tables: range (with default and a sub-partitioned partition), list, hash --------

CREATE TABLE tusk_a.measurements (
  id integer NOT NULL,
  logdate date NOT NULL,
  region text NOT NULL,
  reading numeric(8, 2),
  CONSTRAINT measurements_pkey PRIMARY KEY (id, logdate)
) PARTITION BY RANGE (logdate);
CREATE INDEX measurements_region_idx ON tusk_a.measurements (region);
COMMENT ON TABLE tusk_a.measurements IS 'range partitioned';
CREATE TABLE tusk_a.measurements_2023 PARTITION OF tusk_a.measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
-- A partition created on its own with another column order and a dropped column, then attached.
CREATE TABLE tusk_a.measurements_2024 (reading numeric(8, 2), junk integer, region text NOT NULL, logdate date NOT NULL, id integer NOT NULL);
ALTER TABLE tusk_a.measurements_2024 DROP COLUMN junk;
ALTER TABLE tusk_a.measurements ATTACH PARTITION tusk_a.measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE tusk_a.measurements_2025 PARTITION OF tusk_a.measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
  PARTITION BY RANGE (id);
CREATE TABLE tusk_a.measurements_2025_low PARTITION OF tusk_a.measurements_2025 FOR VALUES FROM (MINVALUE) TO (300);
CREATE TABLE tusk_a.measurements_2025_high PARTITION OF tusk_a.measurements_2025 DEFAULT;
CREATE TABLE tusk_a.measurements_default PARTITION OF tusk_a.measurements DEFAULT;
INSERT INTO tusk_a.measurements
SELECT g, date '2023-01-01' + (g * 3), (ARRAY['north', 'south', 'arctic', 'east'])[1 + g % 4], g * 1.25
FROM generate_series(1, 400) g;
INSERT INTO tusk_a.measurements VALUES (1000, '1999-12-31', 'old', NULL);

CREATE TABLE tusk_a.measurement_notes (
  id integer PRIMARY KEY,
  measurement_id integer NOT NULL,
  measurement_date date NOT NULL,
  note text,
  FOREIGN KEY (measurement_id, measurement_date) REFERENCES tusk_a.measurements (id, logdate) ON DELETE CASCADE
);
INSERT INTO tusk_a.measurement_notes VALUES (1, 1, '2023-01-04', 'first'), (2, 1000, '1999-12-31', 'old one');

CREATE TABLE tusk_a.by_region (
  region text NOT NULL,
  n integer
) PARTITION BY LIST (region);
CREATE TABLE tusk_a.by_region_eu PARTITION OF tusk_a.by_region FOR VALUES IN ('de', 'fr', 'it');
CREATE TABLE tusk_a.by_region_null PARTITION OF tusk_a.by_region (n DEFAULT 0) FOR VALUES IN ('us');
INSERT INTO tusk_a.by_region VALUES ('de', 1), ('fr', 2), ('us', 3);

CREATE TABLE tusk_a.hashed (
  id bigint NOT NULL,
  payload text,
  PRIMARY KEY (id)
) PARTITION BY HASH (id);
CREATE TABLE tusk_a.hashed_0 PARTITION OF tusk_a.hashed FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE tusk_a.hashed_1 PARTITION OF tusk_a.hashed FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE tusk_a.hashed_2 PARTITION OF tusk_a.hashed FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO tusk_a.hashed SELECT g, 'row ' || g FROM generate_series(1, 300) g;
CREATE TRIGGER hashed_logged AFTER INSERT ON tusk_a.hashed FOR EACH ROW EXECUTE FUNCTION tusk_a.log_change('hashed');

-- Table inheritance ------------------------------------------------------------------------------

CREATE TABLE tusk_a.vehicle (
  id integer NOT NULL,
  name text NOT NULL,
  wheels integer DEFAULT 4,
  CONSTRAINT vehicle_name_check CHECK (length(name) > 0),
  CONSTRAINT vehicle_only_here CHECK (wheels < 100) NO INHERIT
);
CREATE TABLE tusk_a.car (doors integer DEFAULT 4) INHERITS (tusk_a.vehicle);
CREATE TABLE tusk_a.truck (payload_tons numeric(6, 2), CONSTRAINT truck_payload CHECK (payload_tons >= 0)) INHERITS (tusk_a.vehicle);
CREATE TABLE tusk_a.adopted (id integer NOT NULL, name text NOT NULL, wheels integer, extra text,
  CONSTRAINT vehicle_name_check CHECK (length(name) > 0));
ALTER TABLE tusk_a.adopted INHERIT tusk_a.vehicle;
INSERT INTO tusk_a.vehicle VALUES (1, 'generic', 3);
INSERT INTO tusk_a.car VALUES (2, 'beetle', 4, 2);
INSERT INTO tusk_a.truck VALUES (3, 'hauler', 18, 40.5);
INSERT INTO tusk_a.adopted VALUES (4, 'unicycle', 1, 'adopted later');
COMMENT ON TABLE tusk_a.car IS 'inherits vehicle, adds doors';

-- Row-level security -----------------------------------------------------------------------------

CREATE TABLE tusk_a.secrets (
  id integer PRIMARY KEY,
  owner_name name NOT NULL DEFAULT current_user,
  secret text
);
INSERT INTO tusk_a.secrets VALUES (1, 'tusk_reader', 'r'), (2, 'tusk_writer', 'w');
ALTER TABLE tusk_a.secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE tusk_a.secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY secrets_read ON tusk_a.secrets FOR SELECT TO tusk_reader, tusk_writer USING (owner_name = current_user);
CREATE POLICY secrets_insert ON tusk_a.secrets FOR INSERT TO tusk_writer WITH CHECK (owner_name = current_user);
CREATE POLICY secrets_update ON tusk_a.secrets AS PERMISSIVE FOR UPDATE TO tusk_writer
  USING (owner_name = current_user) WITH CHECK (secret IS NOT NULL);
CREATE POLICY secrets_no_delete ON tusk_a.secrets AS RESTRICTIVE FOR DELETE TO PUBLIC USING (false);
CREATE POLICY secrets_all_restrictive ON tusk_a.secrets AS RESTRICTIVE FOR ALL USING (id > 0);
COMMENT ON POLICY secrets_read ON tusk_a.secrets IS 'a permissive SELECT policy';
GRANT SELECT, INSERT, UPDATE, DELETE ON tusk_a.secrets TO tusk_writer;
GRANT SELECT ON tusk_a.secrets TO tusk_reader;
ALTER TABLE tusk_a.dept ENABLE ROW LEVEL SECURITY;

-- Ownership and grants by a non-owner grantor ----------------------------------------------------

CREATE TABLE tusk_a.owned (id integer PRIMARY KEY, v text);
ALTER TABLE tusk_a.owned OWNER TO tusk_owner;
INSERT INTO tusk_a.owned VALUES (1, 'owned by tusk_owner');
GRANT SELECT ON tusk_a.owned TO tusk_reader WITH GRANT OPTION;
SET ROLE tusk_reader;
GRANT SELECT ON tusk_a.owned TO tusk_writer;
RESET ROLE;
ALTER SEQUENCE tusk_a.not_called_seq OWNER TO tusk_owner;
ALTER TYPE tusk_a.pair OWNER TO tusk_owner;
ALTER DOMAIN tusk_a.us_zip OWNER TO tusk_owner;
ALTER VIEW tusk_a.first_ten OWNER TO tusk_owner;
ALTER MATERIALIZED VIEW tusk_a.never_refreshed OWNER TO tusk_owner;
ALTER AGGREGATE tusk_a.list(text) OWNER TO tusk_owner;
ALTER TEXT SEARCH CONFIGURATION tusk_a.tusk_english OWNER TO tusk_owner;
ALTER COLLATION tusk_a.posix_copy OWNER TO tusk_owner;
ALTER TABLE "Tusk Mixed Case"."Order Lines" OWNER TO tusk_owner;

-- Foreign data -----------------------------------------------------------------------------------

CREATE SERVER tusk_remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', dbname 'nowhere', port '1');
CREATE USER MAPPING FOR tusk_reader SERVER tusk_remote OPTIONS (user 'remote_reader', password 'not a secret');
CREATE USER MAPPING FOR PUBLIC SERVER tusk_remote;
CREATE FOREIGN TABLE tusk_a.remote_things (
  id integer OPTIONS (column_name 'thing_id') NOT NULL,
  name text
) SERVER tusk_remote OPTIONS (schema_name 'public', table_name 'things');
GRANT USAGE ON FOREIGN SERVER tusk_remote TO tusk_reader;
COMMENT ON SERVER tusk_remote IS 'a foreign server';
COMMENT ON FOREIGN TABLE tusk_a.remote_things IS 'a foreign table';
CREATE FOREIGN DATA WRAPPER tusk_dummy_fdw;
COMMENT ON FOREIGN DATA WRAPPER tusk_dummy_fdw IS 'a wrapper without handler';

-- Large objects ----------------------------------------------------------------------------------

SELECT lo_from_bytea(4242001, convert_to(E'a large object\nwith two lines', 'UTF8'));
SELECT lo_from_bytea(4242002, decode(repeat('00ff', 5000), 'hex'));
ALTER LARGE OBJECT 4242001 OWNER TO tusk_owner;
GRANT SELECT ON LARGE OBJECT 4242001 TO tusk_reader;
COMMENT ON LARGE OBJECT 4242002 IS 'ten thousand bytes';

-- Publication ----------------------------------------------------------------------------------------

CREATE PUBLICATION tusk_pub FOR TABLE tusk_a.dropped_column, tusk_a.owned WITH (publish = 'insert, delete');
COMMENT ON PUBLICATION tusk_pub IS 'a publication';

-- Objects in public ----------------------------------------------------------------------------------

CREATE TABLE public.tusk_public_things (
  id integer PRIMARY KEY,
  name tusk_ext.citext UNIQUE,
  attrs tusk_ext.hstore,
  at timestamptz
);
INSERT INTO public.tusk_public_things VALUES
  (1, 'Alpha', 'color=>red', '2001-02-03 04:05:06.789+01'),
  (2, 'beta', NULL, '0044-03-15 12:00:00+00 BC');
CREATE FUNCTION public.tusk_public_answer() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 42';
CREATE VIEW public.tusk_public_view AS SELECT id, upper(name::text) AS name FROM public.tusk_public_things;

-- Default privileges: global and per schema, for the loading role and for tusk_owner -------------

ALTER DEFAULT PRIVILEGES FOR ROLE tusk_owner GRANT SELECT ON TABLES TO tusk_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE tusk_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE tusk_owner IN SCHEMA tusk_a GRANT INSERT, UPDATE ON TABLES TO tusk_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA tusk_a GRANT USAGE ON SEQUENCES TO tusk_writer;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON TYPES TO tusk_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA "Tusk Mixed Case" GRANT EXECUTE ON FUNCTIONS TO tusk_writer;
ALTER DEFAULT PRIVILEGES FOR ROLE tusk_owner GRANT USAGE ON SCHEMAS TO tusk_reader;

-- An event trigger, last so that it does not fire while this file loads ---------------------------

CREATE FUNCTION tusk_a.on_ddl() RETURNS event_trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NULL;
END
$$;
CREATE EVENT TRIGGER tusk_ddl_watch ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'DROP TABLE')
  EXECUTE FUNCTION tusk_a.on_ddl();
COMMENT ON EVENT TRIGGER tusk_ddl_watch IS 'an event trigger';
ALTER EVENT TRIGGER tusk_ddl_watch DISABLE;
