-- Synthetic presence layer for the API benchmark, written straight into a migrated database:
-- 200,000 points and 20,000 polygons in northeastern Syria (38.5–42.3°E, 35.0–37.3°N), clustered around towns
-- like real data. Deterministic (setseed), idempotent (replaces the layer).
-- Usage: psql -v layer=synthetic -v features=220000 -f generate.sql
\set ON_ERROR_STOP on
SELECT setseed(0.42);
BEGIN;
DELETE FROM features WHERE layer_id = :'layer';
DELETE FROM layers WHERE id = :'layer';
INSERT INTO actors (id, name, name_ar, colour) VALUES ('bench', 'Benchmark force', 'قوة القياس', '#777777') ON CONFLICT (id) DO NOTHING;
INSERT INTO layers (id, title, description, geometry_kind, role, style, display_order, updated_at)
VALUES (:'layer', 'Synthetic benchmark layer', :'features' || ' features, one in 11 a polygon (bench/api)', 'Mixed', 'Presence', '{}', 99, now());

-- 60 town centres; features fall around them (normal-ish spread of ~0.15°) and uniformly (a third).
CREATE TEMP TABLE centres AS
SELECT n, 38.5 + random() * 3.8 AS x, 35.0 + random() * 2.3 AS y FROM generate_series(1, 60) n;

CREATE TEMP TABLE positions AS
SELECT g AS n,
       CASE WHEN g % 3 = 0 THEN 38.5 + random() * 3.8
            ELSE c.x + (random() + random() + random() - 1.5) * 0.3 END AS x,
       CASE WHEN g % 3 = 0 THEN 35.0 + random() * 2.3
            ELSE c.y + (random() + random() + random() - 1.5) * 0.3 END AS y
FROM generate_series(1, :features) g
JOIN centres c ON c.n = 1 + (g::bigint * 7919) % 60;

INSERT INTO features (id, layer_id, actor_id, name, name_ar, kind, geometry, valid_from, valid_to, date_precision,
                      confidence, approximate, accuracy_meters, sources, notes, predecessor_id, properties, import_id,
                      created_at, updated_at)
SELECT :'layer' || '-' || lpad(p.n::text, 7, '0'),
       :'layer', 'bench',
       'Synthetic site ' || p.n, 'موقع ' || p.n,
       (ARRAY['base', 'outpost', 'checkpoint', 'patrol-point'])[1 + p.n % 4],
       CASE WHEN p.n % 11 = 0
            -- every 11th is a polygon (20,000 of 220,000): a 12-vertex ring of 1–4 km radius
            THEN (SELECT ST_SetSRID(ST_MakePolygon(ST_AddPoint(line, ST_StartPoint(line))), 4326)
                  FROM (SELECT ST_MakeLine(array_agg(ST_MakePoint(p.x + r * cos(a), p.y + r * sin(a)) ORDER BY a)) AS line
                  FROM (SELECT radians(k * 30) AS a, (0.01 + (p.n % 7) * 0.005) * (0.8 + 0.4 * ((k * 37 + p.n) % 5) / 4.0) AS r
                        FROM generate_series(0, 11) k) ring) closed)
            ELSE ST_SetSRID(ST_MakePoint(round(p.x::numeric, 5)::float8, round(p.y::numeric, 5)::float8), 4326) END,
       date '2014-01-01' + (p.n % 3650),
       CASE WHEN p.n % 4 = 0 THEN NULL ELSE date '2014-01-01' + (p.n % 3650) + 30 + p.n % 900 END,
       'Day', round((0.3 + (p.n % 70) / 100.0)::numeric, 2)::float8, p.n % 2 = 0,
       CASE WHEN p.n % 5 = 0 THEN NULL ELSE 100 * (1 + p.n % 50) END,
       jsonb_build_array(jsonb_build_object('title', 'Synthetic source ' || p.n % 100, 'url', 'https://example.org/s/' || p.n % 100, 'published', '2020-01-01')),
       NULL, NULL,
       CASE WHEN p.n % 10 = 0 THEN jsonb_build_object('garrison', 'about ' || p.n % 500) ELSE '{}'::jsonb END,
       NULL, now(), now()
FROM positions p;
COMMIT;
ANALYZE features;
SELECT GeometryType(geometry) AS type, count(*) FROM features WHERE layer_id = :'layer' GROUP BY 1 ORDER BY 1;
