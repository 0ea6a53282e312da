-- PostgreSQL 14 and later: loaded after all-objects.sql.
SET client_min_messages = warning;

-- 14: SQL-standard function and procedure bodies, parsed at creation.
CREATE FUNCTION tusk_a.double_it(n integer) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  BEGIN ATOMIC
    SELECT n * 2;
  END;
CREATE FUNCTION tusk_a.people_count_atomic() RETURNS bigint
  LANGUAGE sql STABLE
  RETURN (SELECT count(*) FROM tusk_a.people);
CREATE PROCEDURE tusk_a.log_atomic(msg text)
  LANGUAGE sql
  BEGIN ATOMIC
    INSERT INTO tusk_a.audit_log (table_name, op, detail) VALUES ('none', 'atomic', msg);
  END;
COMMENT ON FUNCTION tusk_a.double_it(integer) IS 'a BEGIN ATOMIC body';

-- 14: procedures with OUT parameters.
CREATE PROCEDURE tusk_a.people_stats(OUT n bigint, OUT oldest date)
  LANGUAGE sql
  AS $$ SELECT count(*), min(born) FROM tusk_a.people $$;

-- 14: multiranges, column compression, numeric infinity, statistics on expressions.
CREATE TYPE tusk_a.float_range_14 AS RANGE (subtype = float8, multirange_type_name = tusk_a.float_multirange_14);
CREATE TABLE tusk_a.since_14 (
  id integer PRIMARY KEY,
  spans int4multirange,
  floats tusk_a.float_multirange_14,
  n numeric,
  body text COMPRESSION pglz
);
ALTER TABLE tusk_a.since_14 ALTER COLUMN body SET COMPRESSION pglz;
INSERT INTO tusk_a.since_14 VALUES
  (1, '{[1,3), [5,8)}', '{[1.5,2.5]}', 'Infinity', repeat('compressible ', 1000)),
  (2, '{}', '{}', '-Infinity', ''),
  (3, NULL, NULL, 'NaN', NULL);
CREATE STATISTICS tusk_a.many_rows_expr_stats ON (lower(label)), (grp % 2) FROM tusk_a.many_rows;
