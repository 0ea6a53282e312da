-- PostgreSQL 18 and later: loaded after all-objects.sql.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA tusk_ext;

-- 18: virtual generated columns, named NOT NULL constraints, NOT ENFORCED and NOT VALID NOT NULL.
CREATE TABLE tusk_a.since_18 (
  id integer CONSTRAINT since_18_id_not_null NOT NULL,
  price numeric(10, 2) NOT NULL,
  qty integer,
  total numeric GENERATED ALWAYS AS (price * qty) VIRTUAL,
  token uuid DEFAULT uuidv7(),
  CONSTRAINT since_18_pkey PRIMARY KEY (id),
  CONSTRAINT since_18_qty_check CHECK (qty > 0) NOT ENFORCED
);
INSERT INTO tusk_a.since_18 (id, price, qty, token) VALUES (1, 2.50, 4, '01890a5d-ac96-774b-bcce-b302099a8057'), (2, 1, -1, NULL);
ALTER TABLE tusk_a.since_18 ADD CONSTRAINT since_18_emp_fk FOREIGN KEY (qty) REFERENCES tusk_a.emp (id) NOT ENFORCED;
ALTER TABLE tusk_a.since_18 ADD CONSTRAINT since_18_token_not_null NOT NULL token NOT VALID;
COMMENT ON CONSTRAINT since_18_id_not_null ON tusk_a.since_18 IS 'a named NOT NULL constraint';

-- 18: temporal keys, WITHOUT OVERLAPS and PERIOD.
CREATE TABLE tusk_a.rooms (
  id integer,
  valid daterange,
  CONSTRAINT rooms_pkey PRIMARY KEY (id, valid WITHOUT OVERLAPS)
);
CREATE TABLE tusk_a.room_bookings (
  id integer PRIMARY KEY,
  room_id integer,
  valid daterange,
  CONSTRAINT room_bookings_room_fk FOREIGN KEY (room_id, PERIOD valid) REFERENCES tusk_a.rooms (id, PERIOD valid)
);
INSERT INTO tusk_a.rooms VALUES (1, '[2024-01-01,2025-01-01)'), (1, '[2025-01-01,)');
INSERT INTO tusk_a.room_bookings VALUES (1, 1, '[2024-06-01,2025-06-01)');
