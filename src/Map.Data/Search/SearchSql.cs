using System.Globalization;
using Map.Data.Queries;
using Npgsql;
using NpgsqlTypes;

namespace Map.Data.Search;

/// <summary>
/// Name search across the presence layers and the basemap towns, in PostgreSQL: two immutable SQL functions fold a
/// name into search keys, and a pg_trgm GIN index on each key of <c>name || ' ' || name_ar</c> finds the candidates.
/// Those indexes exist on the partitions of published layers only (layer_storage.build_search_indexes, migration
/// PartitionedFeatures): an unpublished layer, which only key holders search, is read whole.
/// <list type="bullet">
/// <item><c>map_search_fold</c>: lower case, Latin accents and Arabic vowel marks, tatweel and hamza forms removed
/// (أ إ آ ٱ → ا, ؤ → و, ئ/ى → ي, ة → ه), apostrophes and ʿayn/hamza signs dropped, punctuation to single spaces —
/// what the map's search always did in the browser.</item>
/// <item><c>map_search_skeleton</c>: the folded name with transliteration variants merged, word by word: articles
/// (al-, el-, ad-, ash-, ez-…, and ال in Arabic) dropped, q/c → k, ch → sh, aw → o, ay → e, a final vowel + h dropped
/// (Hasakah = Hasake), vowels and y dropped and doubled letters single — so Qamishli, Kamishli, Qamishly and
/// Kamechliye are all "kmshl", and Tal/Tall/Tell Tamr/Tamer all "tl tmr".</item>
/// </list>
/// </summary>
public static class SearchSql
{
    /// <summary>
    /// The functions, as created by the migration that added search. They are IMMUTABLE (the indexes depend on it), so
    /// a change to them is a new version in a new migration that also rebuilds the indexes — never an edit of this one.
    /// </summary>
    public const string FunctionsV1 = """
        CREATE OR REPLACE FUNCTION map_search_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN btrim(regexp_replace(
          translate(lower(regexp_replace(normalize(value, NFKD), '[\u0300-\u036f\u064b-\u065f\u0670\u0640]', '', 'g')),
                    'ٱىةıøłß''’ʼʿʾ‘`', 'ايهiols'),
          '[^[:alnum:]]+', ' ', 'g'));

        CREATE OR REPLACE FUNCTION map_search_skeleton(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN ' ' || btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
          regexp_replace(regexp_replace(regexp_replace(
            ' ' || map_search_fold(value) || ' ',
            ' (al|el|il|ul|ad|ed|adh|ar|er|as|es|ash|esh|at|et|ath|az|ez|an|en)(?= )', '', 'g'),
            ' ال(?=[^ ]{2})', ' ', 'g'),
            '[aeiouy]h(?= )', 'a', 'g'),
            'ch', 'sh', 'g'),
            '[qc]', 'k', 'g'),
            'aw', 'o', 'g'),
            'ay', 'e', 'g'),
            '[aeiouy]', '', 'g'),
            '([a-z])\1+', '\1', 'g'));

        CREATE INDEX IF NOT EXISTS ix_features_search_fold ON features
          USING gin (map_search_fold(name || ' ' || coalesce(name_ar, '')) gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS ix_features_search_skeleton ON features
          USING gin (map_search_skeleton(name || ' ' || coalesce(name_ar, '')) gin_trgm_ops);
        """;

    public const string DropFunctionsV1 = """
        DROP INDEX IF EXISTS ix_features_search_skeleton;
        DROP INDEX IF EXISTS ix_features_search_fold;
        DROP FUNCTION IF EXISTS map_search_skeleton(text);
        DROP FUNCTION IF EXISTS map_search_fold(text);
        """;

    /// <summary>The indexed expressions, written exactly as in the indexes so the planner uses them.</summary>
    private const string FoldKey = "map_search_fold(f.name || ' ' || coalesce(f.name_ar, ''))";
    private const string SkeletonKey = "map_search_skeleton(f.name || ' ' || coalesce(f.name_ar, ''))";

    /// <summary>How important a kind is when matches are equally good: towns by rank, then sites, zones, events.</summary>
    private const string Importance = """
        CASE f.kind WHEN 'capital' THEN 100 WHEN 'governorate_capital' THEN 90 WHEN 'air base' THEN 80 WHEN 'town' THEN 75
          WHEN 'base' THEN 70 WHEN 'zone' THEN 60 WHEN 'line' THEN 60 WHEN 'outpost' THEN 55 WHEN 'observation post' THEN 55
          WHEN 'checkpoint' THEN 50 WHEN 'village' THEN 45 WHEN 'neighbour_city' THEN 40 WHEN 'patrol route' THEN 30 ELSE 20 END
        """;

    /// <summary>The search keys of the whole query and of each word, computed by the same functions as the indexes.</summary>
    public static NpgsqlCommand Keys(string query, IReadOnlyList<string> words)
    {
        var p = new SqlParameters();
        var q = p.Add(query, NpgsqlDbType.Text);
        var w = p.Add(words.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        return p.Command($"""
            SELECT map_search_fold({q}), map_search_skeleton({q}), NULL
            UNION ALL
            SELECT map_search_fold(word), map_search_skeleton(word), n FROM unnest({w}) WITH ORDINALITY AS u(word, n)
            ORDER BY 3 NULLS FIRST
            """);
    }

    /// <summary>
    /// The best matches: a name matches when every word's fold occurs in its folded name, or every word's skeleton
    /// (of two letters or more; shorter ones such as "al" or "n" say too little) begins a word of its skeleton.
    /// Ranked: exact name, name begins with the query, same skeleton, skeleton begins with it, other matches; then
    /// importance, then shorter names. Presence layers and the basemap's towns; only published layers unless
    /// <paramref name="includeUnpublished"/>. The keys come from <see cref="Keys"/> and travel as parameters.
    /// </summary>
    public static NpgsqlCommand Find(SearchKeys keys, IReadOnlyCollection<string>? collections, bool includeUnpublished, int limit)
    {
        var p = new SqlParameters();
        var fold = p.Add(keys.Fold, NpgsqlDbType.Text);
        var skeleton = p.Add(keys.Skeleton, NpgsqlDbType.Text);
        var folds = keys.WordFolds.Where(f => f.Length > 0).Select(f => $"{FoldKey} LIKE {p.Add($"%{f}%", NpgsqlDbType.Text)}").ToList();
        var skeletons = keys.WordSkeletons.Where(k => k.Trim().Length >= 2)
            .Select(k => $"{SkeletonKey} LIKE {p.Add($"%{k}%", NpgsqlDbType.Text)}").ToList();
        var matches = string.Join(" OR ", new[] { folds, skeletons }.Where(c => c.Count > 0).Select(c => "(" + string.Join(" AND ", c) + ")"));
        var layerFilter = (includeUnpublished ? "" : " AND l.published")
            + (collections is { Count: > 0 } ? $" AND l.id = ANY({p.Add(collections.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Varchar)})" : "");
        // NOT IN a hashed list: a cheap test of each row that no index answers (= ANY would let the primary key compete
        // with the trigram indexes on small layers).
        var publishedOnly = includeUnpublished ? "" : "\n                AND f.layer_id NOT IN (SELECT id FROM layers WHERE NOT published)";
        var sql = $"""
            WITH candidates AS MATERIALIZED (
              -- The name keys first, alone, so the trigram indexes answer them whatever the planner thinks of the layers.
              -- Only published layers' partitions have those indexes: the others are passed over by layer first.
              SELECT f.layer_id, f.id, f.name, f.name_ar, f.kind, f.actor_id, f.valid_from, f.valid_to, f.geometry
              FROM features f WHERE ({(matches.Length > 0 ? matches : "FALSE")}){publishedOnly}),
            hits AS (
              SELECT f.*, map_search_fold(f.name) AS name_fold, map_search_fold(coalesce(f.name_ar, '')) AS name_ar_fold,
                     map_search_skeleton(f.name) AS name_skeleton, map_search_skeleton(coalesce(f.name_ar, '')) AS name_ar_skeleton
              FROM candidates f JOIN layers l ON l.id = f.layer_id
              WHERE (l.role = 'Presence' OR (l.role = 'Basemap' AND f.kind IN ('capital', 'governorate_capital', 'town', 'village', 'neighbour_city')))
                {layerFilter})
            SELECT h.layer_id, h.id, h.name, h.name_ar, h.kind, h.actor_id, h.valid_from, h.valid_to,
                   ST_X(ST_PointOnSurface(h.geometry)), ST_Y(ST_PointOnSurface(h.geometry)),
                   ST_XMin(h.geometry), ST_YMin(h.geometry), ST_XMax(h.geometry), ST_YMax(h.geometry),
                   CASE WHEN {fold} IN (h.name_fold, h.name_ar_fold) THEN 0
                        WHEN h.name_fold LIKE {fold} || '%' OR h.name_ar_fold LIKE {fold} || '%' THEN 1
                        WHEN {skeleton} IN (h.name_skeleton, h.name_ar_skeleton) THEN 2
                        WHEN h.name_skeleton LIKE {skeleton} || '%' OR h.name_ar_skeleton LIKE {skeleton} || '%' THEN 3
                        ELSE 4 END AS match
            FROM hits h
            ORDER BY match, {Importance.Replace("f.kind", "h.kind", StringComparison.Ordinal)} DESC, length(h.name), h.name, h.id
            LIMIT {p.Add(limit, NpgsqlDbType.Integer)}
            """;
        return p.Command(sql);
    }

    /// <summary>The query's words (at most <paramref name="max"/>), split where the search keys split them.</summary>
    public static IReadOnlyList<string> Words(string query, int max) =>
        query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(w => w.Split('-', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Any(char.IsLetterOrDigit))
            .Take(max)
            .ToList();

    /// <summary>The keys of a query: its fold and skeleton as a whole, and each word's.</summary>
    public sealed record SearchKeys(string Fold, string Skeleton, IReadOnlyList<string> WordFolds, IReadOnlyList<string> WordSkeletons);
}
