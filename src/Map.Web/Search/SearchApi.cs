using System.ComponentModel;
using System.Globalization;
using Map.Data.Connections;
using Map.Data.Search;
using Map.Web.Collections;
using Map.Web.Http;
using Map.Web.Items;
using Map.Web.Ogc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Map.Web.Search;

/// <summary>
/// GET /search?q=…: names of presence records (every date) and basemap towns, matched in PostgreSQL through indexed,
/// accent-, case- and transliteration-tolerant keys (<see cref="SearchSql"/>), best match and most important first.
/// The map's search box asks this, so it never downloads the features to search them.
/// </summary>
public static class SearchApi
{
    public const int MaxWords = 6;
    public const int MaxQueryLength = 100;
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;

    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/search").WithTags("Search").RequireCors(HttpRegistration.ReadCorsPolicy);
        group.MapGet("", Search).WithName("search")
            .WithSummary("Find records and towns by name (English or Arabic, tolerant of transliteration)")
            .WithDescription("Words match anywhere in a name, ignoring case, accents, Arabic vowel marks and hamza/alef/ya/ta-marbuta forms; " +
                "a second key merges transliterations (Q/K, doubled letters, Tal/Tall/Tell, al-/el-, y/i, ou/u, final -ah/-eh). " +
                "Results: a GeoJSON FeatureCollection of points (a point on the record's geometry) with the record's bbox, " +
                "its collection and a `match` (exact, prefix, transliteration, transliterated-prefix, contains).")
            .AddEndpointFilter(new KnownParameters(SearchRequest.Names))
            .Produces<SearchResults>(StatusCodes.Status200OK, MediaTypes.Json)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    private static readonly string[] MatchNames = ["exact", "prefix", "transliteration", "transliterated-prefix", "contains"];

    public static async Task<Ok<SearchResults>> Search(
        [AsParameters] SearchRequest request, ReadDatabase database, ReadSession readSession, HttpContext http, CancellationToken ct)
    {
        var (query, words, limit, collections) = request.Parse();
        // The read path: the request's pinned connection (read-your-writes), else a pooled one on the standbys.
        await using var pooled = readSession.Pinned is null ? await database.Standbys.OpenConnectionAsync(ct) : null;
        var connection = readSession.Pinned ?? pooled!;
        var keys = await KeysAsync(connection, query, words, ct);
        await using var command = SearchSql.Find(keys, collections, http.MayReadUnpublished(), limit);
        command.Connection = connection;
        var hits = new List<SearchHit>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                string? Day(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateOnly>(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                hits.Add(new SearchHit(
                    reader.GetString(1),
                    new SearchPoint([reader.GetDouble(8), reader.GetDouble(9)]),
                    [reader.GetDouble(10), reader.GetDouble(11), reader.GetDouble(12), reader.GetDouble(13)],
                    new SearchHitProperties(reader.GetString(0), reader.GetString(2), Text(3), reader.GetString(4), Text(5), Day(6), Day(7),
                        MatchNames[reader.GetInt32(14)])));
            }
        }
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Ok(new SearchResults(query, hits.Count, hits,
            [new(CollectionLinks.Absolute(http.Request, http.Request.Path + http.Request.QueryString), LinkRelations.Self, MediaTypes.Json, "This search")]));
    }

    private static async Task<SearchSql.SearchKeys> KeysAsync(NpgsqlConnection connection, string query, IReadOnlyList<string> words, CancellationToken ct)
    {
        await using var command = SearchSql.Keys(query, words);
        command.Connection = connection;
        var rows = new List<(string Fold, string Skeleton)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetString(0), reader.GetString(1)));
        return new(rows[0].Fold, rows[0].Skeleton, rows.Skip(1).Select(r => r.Fold).ToList(), rows.Skip(1).Select(r => r.Skeleton).ToList());
    }
}

/// <summary>The parameters of /search; any other is refused with a 400 naming it.</summary>
public sealed record SearchRequest(
    [FromQuery(Name = "q")]
    [property: Description("The name or part of it, in English or Arabic (1–100 characters; up to 6 words are used).")]
    string? Q,
    [FromQuery(Name = "limit")]
    [property: Description("Results to return: default 10, maximum 50.")]
    string? Limit,
    [FromQuery(Name = "collections")]
    [property: Description("Comma-separated collection ids to search (default: every presence collection and the basemap towns).")]
    string? Collections)
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string> { "q", "limit", "collections", QueryParameters.Format };

    public (string Query, IReadOnlyList<string> Words, int Limit, IReadOnlyCollection<string>? Collections) Parse()
    {
        var query = (Q ?? "").Trim();
        if (query.Length == 0) throw new InvalidParameterException("q", "Give the name to search for, e.g. q=Qamishli.");
        if (query.Length > SearchApi.MaxQueryLength)
            throw new InvalidParameterException("q", $"At most {SearchApi.MaxQueryLength} characters, got {query.Length}.");
        var words = SearchSql.Words(query, SearchApi.MaxWords);
        if (words.Count == 0) throw new InvalidParameterException("q", "The query holds no letters or digits.");
        var limit = SearchApi.DefaultLimit;
        if (Limit is not null && (!int.TryParse(Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
            throw new InvalidParameterException("limit", $"Expected a whole number from 1 to {SearchApi.MaxLimit}, got '{Limit}'.");
        var collections = Collections?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (query, words, Math.Min(limit, SearchApi.MaxLimit), collections);
    }
}

public sealed record SearchResults(string Query, int NumberReturned, IReadOnlyList<SearchHit> Features, IReadOnlyList<Link> Links)
{
    public string Type => "FeatureCollection";
}

public sealed record SearchHit(string Id, SearchPoint Geometry, double[] Bbox, SearchHitProperties Properties)
{
    public string Type => "Feature";
}

public sealed record SearchPoint(double[] Coordinates)
{
    public string Type => "Point";
}

/// <summary>What the map needs to show a result and open it: collection, names, kind, force and dates, and how it matched.</summary>
public sealed record SearchHitProperties(
    string Collection, string Name, string? NameAr, string Kind, string? Actor, string? ValidFrom, string? ValidTo, string Match);
