-- Evaluates areas.json (table area_json) into one geometry per record, checks the timeline, and fills the tables
-- output (one GeoJSON geometry per record) and region_output (the golan and syria regions).

-- area_json holds one row: the whole file.
CREATE TABLE events AS
SELECT e.key AS name, (e.value->>'date')::date AS day
FROM area_json a, jsonb_each(a.j->'events') e;

CREATE TABLE rec AS
SELECT (r.ordinality - 1)::int AS n,
       r.value->>'actor' AS actor, r.value->>'from' AS from_event, r.value->>'to' AS to_event, r.value->>'shape' AS shape,
       COALESCE(f.day, DATE '1974-05-31') AS valid_from,
       t.day - 1 AS valid_to,
       NULL::geometry AS g
FROM area_json a
CROSS JOIN LATERAL jsonb_array_elements(a.j->'records') WITH ORDINALITY r
LEFT JOIN events f ON f.name = r.value->>'from'
LEFT JOIN events t ON t.name = r.value->>'to';

DO $$
DECLARE r record; missing text;
BEGIN
  SELECT string_agg(x, ', ') INTO missing FROM (
    SELECT from_event AS x FROM rec WHERE from_event IS NOT NULL AND from_event NOT IN (SELECT name FROM events)
    UNION SELECT to_event FROM rec WHERE to_event IS NOT NULL AND to_event NOT IN (SELECT name FROM events)) m;
  IF missing IS NOT NULL THEN RAISE EXCEPTION 'unknown events: %', missing; END IF;
  FOR r IN SELECT n, shape FROM rec WHERE shape <> 'rest' LOOP
    EXECUTE format('UPDATE rec SET g = ST_Intersection((%s), s() + c(''golan'')) WHERE n = %s', r.shape, r.n);
  END LOOP;
END $$;

-- 'rest' is the rest of Syria: it is only well defined if no other area starts or ends inside its period.
DO $$
DECLARE r record; clash text;
BEGIN
  FOR r IN SELECT * FROM rec WHERE shape = 'rest' LOOP
    SELECT string_agg(o.actor || ' ' || o.valid_from || '..' || COALESCE(o.valid_to::text, 'open'), '; ') INTO clash
    FROM rec o
    WHERE o.shape <> 'rest'
      AND ((o.valid_from > r.valid_from AND o.valid_from <= COALESCE(r.valid_to, DATE '9999-12-31'))
        OR (o.valid_to >= r.valid_from AND o.valid_to < COALESCE(r.valid_to, DATE '9999-12-31')));
    IF clash IS NOT NULL THEN
      RAISE EXCEPTION 'the % area % .. % is drawn as the rest of Syria, but other areas change inside it: %',
        r.actor, r.valid_from, r.valid_to, clash;
    END IF;
    UPDATE rec SET g = s() - COALESCE((SELECT ST_Union(o.g) FROM rec o WHERE o.shape <> 'rest'
        AND o.valid_from <= r.valid_from AND COALESCE(o.valid_to, DATE '9999-12-31') >= r.valid_from), 'POLYGON EMPTY'::geometry)
    WHERE n = r.n;
  END LOOP;
END $$;

-- Polygons only, slivers under 2 km2 dropped, coordinates snap-rounded to 4 decimals (the basemap's precision; the
-- result stays valid), outer rings counter-clockwise (RFC 7946).
CREATE FUNCTION tidy(g geometry) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$
  SELECT ST_ForcePolygonCCW(ST_Multi(ST_CollectionExtract(ST_ReducePrecision(ST_Collect(p), 0.0001), 3)))
  FROM (SELECT (ST_Dump(ST_CollectionExtract(ST_MakeValid(g), 3))).geom AS p) parts
  WHERE ST_Area(p::geography) > 2e6 $$;

UPDATE rec SET g = tidy(g);
DO $$
DECLARE empty text;
BEGIN
  SELECT string_agg(actor || ' from ' || valid_from, ', ') INTO empty FROM rec WHERE g IS NULL OR ST_IsEmpty(g);
  IF empty IS NOT NULL THEN RAISE EXCEPTION 'empty areas: %', empty; END IF;
END $$;

CREATE TABLE output AS
SELECT n, json_build_object('n', n, 'validFrom', valid_from, 'validTo', valid_to,
  'areaKm2', round((ST_Area(g::geography) / 1e6)::numeric), 'geometry', ST_AsGeoJSON(g, 4)::json) AS j
FROM rec;

CREATE TABLE region_output AS
SELECT 'golan' AS id, json_build_object('id', 'golan', 'geometry',
  ST_AsGeoJSON(tidy(c('golan') + c('undof') + c('hermon')), 4)::json) AS j
UNION ALL
SELECT 'syria', json_build_object('id', 'syria', 'geometry',
  ST_AsGeoJSON(tidy(ST_SimplifyPreserveTopology(ST_Buffer(s() + c('golan'), 0.02), 0.01)), 4)::json);
