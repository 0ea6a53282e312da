-- PostgreSQL 13 and later: loaded after all-objects.sql.
SET client_min_messages = warning;

-- 13: BEFORE row triggers on partitioned tables.
CREATE FUNCTION tusk_a.round_reading() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW.reading := round(NEW.reading, 1);
  RETURN NEW;
END
$$;
CREATE TRIGGER measurements_round BEFORE INSERT ON tusk_a.measurements
  FOR EACH ROW EXECUTE FUNCTION tusk_a.round_reading();

-- 13: partitioned tables in publications, published through their root.
CREATE PUBLICATION tusk_pub_partitioned FOR TABLE tusk_a.by_region WITH (publish_via_partition_root = true, publish = 'insert');
