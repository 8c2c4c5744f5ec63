-- A dense point layer for the tiles benchmarks, written straight into a migrated database: :features points in
-- northeastern Syria (38.5–42.3°E, 35.0–37.3°N), two thirds clustered around 60 towns like real event data, with
-- the real actors and point kinds and dates spread over 2014–2023 (so a date shows a part of the layer).
-- Deterministic (setseed), idempotent (replaces the layer).
-- Usage: psql -v layer=dense -v features=200000 -f generate.sql
\set ON_ERROR_STOP on
SELECT setseed(0.12);
BEGIN;
DELETE FROM features WHERE layer_id = :'layer';
DELETE FROM layers WHERE id = :'layer';
INSERT INTO layers (id, title, description, geometry_kind, role, style, display_order, updated_at)
VALUES (:'layer', 'Dense benchmark points', :'features' || ' generated points (bench/tiles)', 'Point', 'Presence', '{}', 99, now());

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

INSERT INTO features (id, layer_id, actor_id, name, kind, geometry, valid_from, valid_to, date_precision,
                      confidence, approximate, accuracy_meters, sources, properties, created_at, updated_at)
SELECT :'layer' || '-' || p.n, :'layer',
       (ARRAY['russia', 'us-coalition', 'turkey', 'syrian-government', 'sdf', 'iran-backed'])[1 + (p.n * 31) % 6],
       'Generated point ' || p.n,
       (ARRAY['outpost', 'base', 'checkpoint', 'observation post', 'encounter', 'strike'])[1 + (p.n * 17) % 6],
       ST_SetSRID(ST_MakePoint(round(p.x::numeric, 5)::float8, round(p.y::numeric, 5)::float8), 4326),
       date '2014-01-01' + (p.n % 3650),
       CASE WHEN p.n % 4 = 0 THEN NULL ELSE date '2014-01-01' + (p.n % 3650) + 30 + p.n % 900 END,
       'Day', round((0.3 + (p.n % 70) / 100.0)::numeric, 2)::float8, p.n % 5 = 0,
       CASE WHEN p.n % 5 = 0 THEN 2000 END,
       '[]', '{}', now(), now()
FROM positions p;
COMMIT;
ANALYZE features;
