-- Building blocks for the coarse areas of control: basemap geometry, a few helper functions and the named cells
-- that areas.json combines. Every line that is not a basemap boundary is drawn through named towns (basemap
-- towns.geojson, GeoNames) or through coordinates given here with the place they stand for; areas.json notes say
-- which source describes each line.

CREATE TABLE base AS
SELECT src, j->>'id' AS id, j->'properties' AS p, ST_SetSRID(ST_GeomFromGeoJSON(j->>'geometry'), 4326) AS g FROM raw;

-- Syria as the basemap draws it (Natural Earth 10m; the occupied Golan is outside it, inside Israel).
CREATE FUNCTION s() RETURNS geometry LANGUAGE sql STABLE AS $$ SELECT g FROM base WHERE src = 'countries' AND id = 'syr' $$;
CREATE FUNCTION country(iso text) RETURNS geometry LANGUAGE sql STABLE AS
  $$ SELECT g FROM base WHERE src = 'countries' AND p->>'iso' = iso $$;
-- A Syrian governorate by ISO 3166-2 code, e.g. gov('SY-HA'); also the UNDOF zone: gov('undof').
CREATE FUNCTION gov(iso text) RETURNS geometry LANGUAGE sql STABLE AS
  $$ SELECT g FROM base WHERE src = 'governorates' AND (p->>'iso' = iso OR (iso = 'undof' AND id = 'sy-undof')) $$;
CREATE FUNCTION t(id text) RETURNS geometry LANGUAGE sql STABLE AS
  $$ SELECT g FROM base WHERE src = 'towns' AND base.id = t.id $$;
CREATE FUNCTION pt(lon float8, lat float8) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$ SELECT ST_SetSRID(ST_MakePoint(lon, lat), 4326) $$;
-- A closed ring through points (towns or pt()), clipped to Syria.
CREATE FUNCTION ring(VARIADIC pts geometry[]) RETURNS geometry LANGUAGE sql STABLE AS
  $$ SELECT ST_Intersection(ST_MakeValid(ST_MakePolygon(ST_MakeLine(pts || pts[1]))), s()) $$;
-- A polyline through points, for splitting.
CREATE FUNCTION line(VARIADIC pts geometry[]) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$ SELECT ST_MakeLine(pts) $$;
-- A disc of km kilometres around a point, clipped to Syria.
CREATE FUNCTION disc(p geometry, km float8) RETURNS geometry LANGUAGE sql STABLE AS
  $$ SELECT ST_Intersection(ST_Buffer(p::geography, km * 1000, 24)::geometry, s()) $$;
-- Syria within km kilometres of a neighbour (the Turkish border strip: strip('TUR', 30)).
CREATE FUNCTION strip(iso text, km float8) RETURNS geometry LANGUAGE sql STABLE AS
  $$ SELECT ST_Intersection(ST_Buffer(country(iso)::geography, km * 1000, 24)::geometry, s()) $$;
-- Everything between two meridians or two parallels.
CREATE FUNCTION lons(w float8, e float8) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$ SELECT ST_MakeEnvelope(w, 28, e, 41, 4326) $$;
CREATE FUNCTION lats(s float8, n float8) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$ SELECT ST_MakeEnvelope(30, s, 46, n, 4326) $$;
-- The part of an area on one side of a cutting line: the pieces that contain (or are nearest to) the probe point.
CREATE FUNCTION side(area geometry, cut geometry, probe geometry) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$
  WITH pieces AS (SELECT (ST_Dump(ST_Split(area, cut))).geom AS g)
  SELECT ST_Union(g) FROM pieces WHERE ST_Distance(g, probe) = (SELECT min(ST_Distance(g, probe)) FROM pieces) $$;

-- Set algebra on geometry, so that areas.json can write  a + b - c * d  (* binds tighter than + and -).
CREATE FUNCTION g_union(a geometry, b geometry) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$ SELECT ST_Union(a, b) $$;
CREATE FUNCTION g_minus(a geometry, b geometry) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$ SELECT ST_Difference(a, b) $$;
CREATE FUNCTION g_inter(a geometry, b geometry) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$ SELECT ST_Intersection(a, b) $$;
CREATE OPERATOR + (LEFTARG = geometry, RIGHTARG = geometry, FUNCTION = g_union);
CREATE OPERATOR - (LEFTARG = geometry, RIGHTARG = geometry, FUNCTION = g_minus);
CREATE OPERATOR * (LEFTARG = geometry, RIGHTARG = geometry, FUNCTION = g_inter);

CREATE TABLE cell (name text PRIMARY KEY, g geometry NOT NULL, note text NOT NULL);
CREATE FUNCTION c(cell_name text) RETURNS geometry LANGUAGE plpgsql STABLE AS $$
DECLARE r geometry;
BEGIN
  SELECT g INTO r FROM cell WHERE name = cell_name;
  IF r IS NULL THEN RAISE EXCEPTION 'no cell %', cell_name; END IF;
  RETURN r;
END $$;
CREATE FUNCTION def(cell_name text, geom geometry, why text) RETURNS void LANGUAGE sql AS
  $$ INSERT INTO cell VALUES (cell_name, ST_MakeValid(geom), why) $$;

-- The Euphrates (Natural Earth 50m, one line from Turkey to Iraq, Lake Assad included) splits Syria in two.
SELECT def('euphrates-line', (SELECT ST_LineMerge(g) FROM base WHERE src = 'rivers' AND id = 'euphrates'), 'Natural Earth 50m');
SELECT def('east-of-euphrates', side(s(), c('euphrates-line'), t('sy-hasakah')), 'Syria north and east of the Euphrates');
SELECT def('west-of-euphrates', s() - c('east-of-euphrates'), 'Syria south and west of the Euphrates');

-- The occupied Golan: the part of the basemap's Israel east of the upper Jordan (Natural Earth line), the Sea of
-- Galilee's east shore and a meridian from its south end to the Yarmouk.
SELECT def('golan',
  ST_Intersection(country('ISR'), ST_MakeValid(ST_MakePolygon(ST_MakeLine(ARRAY[
    pt(35.86, 33.60), pt(35.69, 33.43), pt(35.63, 33.24), pt(35.59, 33.11), pt(35.59, 32.90), pt(35.63, 32.89),
    pt(35.64, 32.83), pt(35.63, 32.78), pt(35.61, 32.75), pt(35.58, 32.72), pt(35.58, 32.55), pt(36.20, 32.55),
    pt(36.20, 33.60), pt(35.86, 33.60)])))),
  'Israeli-occupied Golan Heights, basemap Israel east of the upper Jordan and the Sea of Galilee');
SELECT def('undof', gov('undof') * s(), 'UNDOF area of separation (basemap sy-undof)');

-- ---------------------------------------------------------------------------------------------------------------
-- Named cells. Coordinates given with pt() stand for the place named in the comment (general reference, rounded to
-- 0.01 degree); they are vertices of sketches, not surveyed positions.
-- ---------------------------------------------------------------------------------------------------------------

-- North-east: Kurdish-held Jazira, Kobani and Afrin (YPG, from October 2015 the SDF).
SELECT def('jazira-2015', ring(pt(39.95, 37.40), pt(39.95, 36.70), pt(40.25, 36.55), pt(40.55, 36.42), pt(40.90, 36.38),
  pt(41.15, 36.47), pt(41.50, 36.50), pt(42.70, 36.45), pt(42.70, 37.50)),
  'Hasakah governorate north of a line south of Tal Tamr, Hasakah city and north of al-Hawl, east of Ras al-Ain');
SELECT def('jazira-2015-11', gov('SY-HA') * lats(36.22, 38) + c('jazira-2015'),
  'Hasakah governorate north of 36.22 N (al-Hawl taken, Shaddadi still held by ISIS)');
SELECT def('kobani-town', disc(t('sy-kobani'), 8), 'Kobani town, 8 km');
SELECT def('kobani-canton', c('east-of-euphrates') * lons(37.9, 38.75) * lats(36.60, 37.3),
  'Kobani canton: east of the Euphrates between Jarablus and 38.75 E, north of 36.60 N');
SELECT def('tal-abyad-corridor', c('east-of-euphrates') * lons(37.9, 40.1) * (strip('TUR', 22) + disc(t('sy-ain-issa'), 12)),
  'the YPG corridor Kobani - Tal Abyad - Ras al-Ain, 10-20 km deep (KurdWatch), with Ain Issa');
SELECT def('kobani-south', gov('SY-HL') * c('east-of-euphrates') + gov('SY-RA') * c('east-of-euphrates') * lats(36.30, 38),
  'Aleppo governorate east of the Euphrates (Kobani region) and Raqqa governorate north of 36.30 N');
SELECT def('tishrin-bridgehead', disc(pt(38.16, 36.38), 8) * c('west-of-euphrates'), 'the Tishrin Dam and its west bank');
SELECT def('afrin', ring(pt(36.50, 36.95), pt(36.99, 36.72), pt(36.98, 36.55), pt(36.93, 36.42), pt(36.80, 36.33),
  pt(36.62, 36.27), pt(36.48, 36.33), pt(36.40, 36.60)), 'Afrin district (Kurd Dagh) west of Azaz');
SELECT def('tal-rifaat', ring(pt(36.99, 36.55), pt(37.18, 36.56), pt(37.24, 36.45), pt(37.12, 36.36), pt(36.99, 36.38)),
  'Tal Rifaat and the Menagh airbase area (the "Shahba" pocket)');
SELECT def('manbij', c('west-of-euphrates') * ring(pt(37.73, 36.66), pt(38.25, 36.66), pt(38.25, 36.22), pt(37.73, 36.30)),
  'Manbij district south of the Sajur river, west to al-Arima');
SELECT def('tabqa', disc(t('sy-tabqa'), 15) * c('west-of-euphrates'), 'Tabqa and its airbase south of the Euphrates');
SELECT def('deir-hafer-maskanah', c('west-of-euphrates') * ring(pt(37.62, 36.22), pt(37.95, 36.30), pt(38.15, 36.30),
  pt(38.20, 35.95), pt(37.95, 35.85), pt(37.62, 35.95)), 'Deir Hafer, Maskanah and the Tishrin Dam front west of the Euphrates');
SELECT def('raqqa-city', disc(t('sy-raqqa'), 6), 'Raqqa city');
SELECT def('east-bank-dz', gov('SY-DY') * c('east-of-euphrates'), 'Deir ez-Zor governorate east of the Euphrates');
SELECT def('hajin-pocket', c('east-bank-dz') * ring(pt(40.60, 34.95), pt(41.10, 35.20), pt(41.70, 35.20), pt(41.70, 34.20),
  pt(40.60, 34.20)), 'east bank south-east of a line from opposite Mayadin to the Iraqi border north of Baghuz');
SELECT def('baghuz-pocket', disc(pt(40.95, 34.46), 8) * c('east-of-euphrates'), 'Baghuz Fawqani (34.46 N 40.95 E)');
SELECT def('peace-spring', strip('TUR', 30) * lons(38.87, 40.17), 'between west of Tal Abyad and east of Ras al-Ain, 30 km deep');
SELECT def('kurdish-enclave-2026', ring(pt(40.45, 37.40), pt(40.45, 36.85), pt(40.75, 36.42), pt(41.30, 36.60),
  pt(42.00, 36.75), pt(42.70, 36.80), pt(42.70, 37.50)) + disc(t('sy-kobani'), 20) * c('east-of-euphrates'),
  'the Kurdish towns of the Jazira from west of Derbasiyah to the Tigris, south to Hasakah city, and Kobani with 20 km');

-- North-west.
SELECT def('gov-enclaves-idlib-2015', disc(t('sy-idlib'), 6) + disc(t('sy-jisr-al-shughur'), 8) + disc(pt(36.61, 35.81), 4),
  'Idlib city, Jisr al-Shughur and Ariha (government-held until March-May 2015)');
SELECT def('fuah-kafraya', disc(pt(36.70, 35.99), 3), 'al-Fuah and Kafraya (government-held, besieged until July 2018)');
SELECT def('abu-duhur', disc(pt(37.05, 35.73), 5), 'Abu al-Duhur airbase (government-held until 9 September 2015)');
SELECT def('nubl-zahraa', disc(pt(36.98, 36.38), 4), 'Nubl and Zahraa (government-held, besieged until February 2016)');
SELECT def('north-hama-strip', ring(pt(36.40, 35.50), pt(36.75, 35.50), pt(36.78, 35.38), pt(36.62, 35.27), pt(36.40, 35.35)),
  'northern Hama countryside held by the opposition: Kafr Zita, Latamneh, Morek, Qalaat al-Madiq');
SELECT def('latakia-mountains', ring(pt(35.95, 35.93), pt(36.20, 35.95), pt(36.25, 35.80), pt(36.10, 35.70), pt(35.98, 35.78)),
  'Jabal al-Akrad and Jabal al-Turkman in north-east Latakia');
SELECT def('west-aleppo', ring(pt(36.62, 36.28), pt(36.80, 36.33), pt(36.95, 36.33), pt(37.12, 36.25), pt(37.10, 36.12),
  pt(36.98, 36.02), pt(36.85, 35.98), pt(36.72, 36.10)), 'western Aleppo countryside up to the city outskirts');
SELECT def('north-aleppo-corridor', ring(pt(36.99, 36.74), pt(37.25, 36.70), pt(37.22, 36.45), pt(37.18, 36.24),
  pt(37.08, 36.25), pt(36.99, 36.40)) - c('afrin') - c('nubl-zahraa'),
  'the Azaz - Marea - Tal Rifaat corridor north of Aleppo');
SELECT def('azaz-strip', ring(pt(36.99, 36.74), pt(37.25, 36.72), pt(37.23, 36.52), pt(36.99, 36.55)) - c('afrin') - c('tal-rifaat'),
  'Azaz and Marea after February 2016');
SELECT def('east-aleppo', disc(t('sy-aleppo'), 7) * lons(37.155, 40), 'the eastern half of Aleppo city');
SELECT def('idlib-2015', gov('SY-ID') + c('north-hama-strip') + c('latakia-mountains') + c('west-aleppo')
  - c('fuah-kafraya'), 'Idlib governorate with the adjoining opposition-held parts of Hama, Latakia and Aleppo');
SELECT def('idlib-2019-08', c('idlib-2015') * lats(35.47, 38) - disc(pt(36.68, 35.38), 8),
  'the Idlib pocket after the loss of northern Hama and Khan Shaykhun (south limit ~35.47 N)');
SELECT def('idlib-2020-01', c('idlib-2019-08') - ring(pt(36.60, 35.47), pt(36.60, 35.66), pt(36.80, 35.80), pt(37.30, 35.80),
  pt(37.30, 35.40)), 'the pocket after the loss of Maarat al-Numan and the country east of it');
SELECT def('idlib-2020-03', ring(pt(36.15, 35.93), pt(36.24, 35.74), pt(36.45, 35.66), pt(36.62, 35.70), pt(36.76, 35.80),
  pt(36.80, 35.92), pt(36.92, 36.03), pt(37.02, 36.12), pt(37.04, 36.22), pt(36.95, 36.30), pt(36.62, 36.27),
  pt(36.50, 36.25), pt(36.30, 36.30)) - c('afrin'),
  'the Idlib pocket on the line of 6 March 2020: Jisr al-Shughur and Jabal al-Zawiya held, Saraqib and the M5 lost');
SELECT def('north-homs', disc(pt(36.66, 34.89), 12), 'Rastan, Talbiseh and Houla (north of Homs)');
SELECT def('east-ghouta', disc(pt(36.45, 33.55), 9) - disc(t('sy-damascus'), 4), 'Eastern Ghouta around Douma');

-- South.
SELECT def('south-gov-corridor', ST_Buffer(line(t('sy-damascus'), pt(36.17, 33.07), pt(36.25, 32.86), pt(36.17, 32.70),
  t('sy-daraa'))::geography, 7000)::geometry * s(), 'the government-held M5 corridor Damascus - Sanamayn - Izra - Daraa, 7 km');
SELECT def('quneitra-gov', disc(pt(35.88, 33.20), 6), 'al-Baath city and Khan Arnabah (government-held)');
SELECT def('yarmouk-basin', ring(pt(35.78, 32.82), pt(35.98, 32.86), pt(36.03, 32.72), pt(35.86, 32.66), pt(35.78, 32.70)),
  'the Yarmouk basin held by the ISIS-affiliated Khalid ibn al-Walid Army');
SELECT def('south-opposition', (gov('SY-DR') + gov('SY-QU') + c('undof')) * s() - c('south-gov-corridor') - c('quneitra-gov')
  - c('yarmouk-basin'), 'Daraa and Quneitra outside the government corridor and the Yarmouk basin');
SELECT def('suwayda-druze-2025', gov('SY-SU') - lons(35, 36.47) - lats(32.95, 38),
  'Suwayda governorate east of the western front (~36.47 E) and south of Umm al-Zaytoun (~32.95 N)');
SELECT def('hermon', disc(pt(35.86, 33.42), 6), 'the Syrian side of Mount Hermon around the summit');
SELECT def('al-tanf-55km', disc(pt(38.62, 33.50), 55), 'al-Tanf garrison with the 55 km deconfliction zone');

-- ISIS in the east and the desert: the government-held Deir ez-Zor enclave is cut out.
SELECT def('deir-ez-zor-enclave', disc(t('sy-deir-ez-zor'), 6) + disc(pt(40.18, 35.28), 5),
  'the government-held part of Deir ez-Zor city and its airport');
SELECT def('isis-aleppo-2015', gov('SY-HL') * ring(pt(37.22, 36.80), pt(37.24, 36.45), pt(37.40, 36.28), pt(37.60, 36.12),
  pt(37.80, 35.90), pt(38.60, 35.50), pt(38.60, 36.90)), 'eastern Aleppo governorate: al-Bab, Manbij, Jarablus, Maskanah');
SELECT def('desert-line-2015a', ring(pt(37.85, 35.95), pt(38.35, 35.55), pt(38.85, 35.05), pt(39.20, 34.50), pt(39.40, 34.00),
  pt(41.5, 34.0), pt(41.5, 36.5), pt(37.85, 36.5)), 'east of a line Maskanah - east of Sukhnah - the Iraqi border north of al-Tanf');
SELECT def('desert-line-2015b', ring(pt(37.85, 35.95), pt(37.65, 35.60), pt(37.50, 35.25), pt(37.75, 34.80), pt(37.80, 34.45),
  pt(37.25, 34.10), pt(37.70, 33.85), pt(38.60, 33.40), pt(38.95, 33.15), pt(41.5, 33.3), pt(41.5, 36.5), pt(37.85, 36.5)),
  'east of a line Maskanah - eastern Hama - west of T4 - al-Qaryatayn - al-Tanf (after May-August 2015)');
SELECT def('desert-line-2016', ring(pt(37.85, 35.95), pt(37.65, 35.60), pt(37.50, 35.25), pt(37.90, 34.80), pt(38.45, 34.62),
  pt(38.55, 34.20), pt(39.20, 33.60), pt(41.5, 33.6), pt(41.5, 36.5), pt(37.85, 36.5)) - c('al-tanf-55km'),
  'east of Palmyra and the eastern Hama desert (after March 2016), without al-Tanf');
SELECT def('desert-line-2016-12', c('desert-line-2016') + disc(t('sy-palmyra'), 25), 'as 2016 plus Palmyra (December 2016)');
SELECT def('isis-aleppo-2016', c('isis-aleppo-2015') - c('manbij') - strip('TUR', 25) - disc(t('sy-al-bab'), 12),
  'eastern Aleppo governorate south of the Turkish and SDF areas (al-Bab still held in December 2016)');
SELECT def('desert-line-2017', ring(pt(38.35, 35.75), pt(38.60, 35.40), pt(38.90, 34.95), pt(39.10, 34.40), pt(39.40, 33.95),
  pt(41.5, 33.9), pt(41.5, 36.5), pt(38.35, 36.5)) + ring(pt(37.45, 35.40), pt(37.75, 35.45), pt(37.85, 35.20),
  pt(37.55, 35.10)), 'east of Rusafa - Sukhnah - the Iraqi border, and the eastern Hama pocket (Uqayribat), mid 2017');
SELECT def('isis-euphrates-2017-09', (gov('SY-DY') * c('west-of-euphrates') * lons(40.10, 42)) + c('east-bank-dz') * lats(33, 35.30)
  + ring(pt(39.40, 34.90), pt(40.10, 35.30), pt(40.95, 34.40), pt(40.60, 34.10), pt(39.40, 34.20)),
  'the Euphrates valley below Deir ez-Zor on both banks, with the desert to Albukamal (September-November 2017)');
