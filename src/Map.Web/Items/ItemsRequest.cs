using System.ComponentModel;
using System.Reflection;
using Map.Data.Queries;
using Map.Web.Crs;
using Map.Web.Filtering;
using Map.Web.Hosting;
using Map.Web.Ogc;
using Microsoft.AspNetCore.Mvc;

namespace Map.Web.Items;

/// <summary>
/// The query parameters of /collections/{collectionId}/items, bound as text and parsed in one place. This record is
/// also the whitelist: any other query parameter is refused with a 400 naming it (see <see cref="Names"/>).
/// </summary>
public sealed record ItemsRequest(
    [FromQuery(Name = "bbox")]
    [property: Description("minLon,minLat,maxLon,maxLat (4 numbers, or 6 with heights) in bbox-crs; features whose geometry intersects it.")]
    string? Bbox,
    [FromQuery(Name = "bbox-crs")]
    [property: Description("CRS of bbox: CRS84 (default), EPSG 4326 (lat/lon order), 3857, 32637 or 32638, as an http://www.opengis.net/def/crs/ URI.")]
    string? BboxCrs,
    [FromQuery(Name = "datetime")]
    [property: Description("Date, date-time or interval (RFC 3339, '..' for an open end); features present on that day or at any time in the interval.")]
    string? Datetime,
    [FromQuery(Name = "recorded-at")]
    [property: Description("An instant (RFC 3339, with a time zone) or a date (its end, UTC): answer as the database held the layer " +
        "then (record time), e.g. before a correction; combine with datetime for 'present on D, as recorded at T'.")]
    string? RecordedAt,
    [FromQuery(Name = "limit")]
    [property: Description("Features per page; default 100, maximum 10000 (larger values are lowered to the maximum).")]
    string? Limit,
    [FromQuery(Name = "offset")]
    [property: Description("Features to skip before the page. Follow 'next' links instead: they use a cursor, so deep pages cost the same as the first.")]
    string? Offset,
    [FromQuery(Name = "cursor")]
    [property: Description("Opaque position written into next/prev links; do not build it by hand.")]
    string? Cursor,
    [FromQuery(Name = "crs")]
    [property: Description("CRS of the response geometries: CRS84 (default), EPSG 4326 (lat/lon order), 3857, 32637 or 32638; " +
        "echoed in the Content-Crs header.")]
    string? Crs,
    [FromQuery(Name = "properties")]
    [property: Description("Comma-separated queryables to include in each feature's properties (default: all).")]
    string? Properties,
    [FromQuery(Name = "sortby")]
    [property: Description("Comma-separated queryables, '-' for descending (e.g. -validFrom,name); the id breaks ties.")]
    string? SortBy,
    [FromQuery(Name = "filter")]
    [property: Description("CQL2 filter (basic CQL2, LIKE, BETWEEN, IN, S_INTERSECTS, T_INTERSECTS) over the queryables.")]
    string? Filter,
    [FromQuery(Name = "filter-lang")]
    [property: Description("cql2-text (default) or cql2-json; cql-text and cql-json, the names GDAL 3.6 looks for, mean the same.")]
    string? FilterLang,
    [FromQuery(Name = "filter-crs")]
    [property: Description("CRS of geometry literals in filter; same choices as crs (default CRS84).")]
    string? FilterCrs,
    [FromQuery(Name = "f")]
    [property: Description("Response format: json (GeoJSON, default) or html.")]
    string? F,
    [FromQuery(Name = "id")]
    [property: Description("Only the feature with this id.")]
    string? Id,
    [FromQuery(Name = "name")]
    [property: Description("Only features with this exact name.")]
    string? Name,
    [FromQuery(Name = "nameAr")]
    [property: Description("Only features with this exact Arabic name.")]
    string? NameAr,
    [FromQuery(Name = "actor")]
    [property: Description("Only features of these actors (comma-separated ids from /actors).")]
    string? Actor,
    [FromQuery(Name = "kind")]
    [property: Description("Only features of these kinds (comma-separated).")]
    string? Kind,
    [FromQuery(Name = "validFrom")]
    [property: Description("Only features whose presence began on this date (YYYY-MM-DD); use datetime or filter for ranges.")]
    string? ValidFrom,
    [FromQuery(Name = "validTo")]
    [property: Description("Only features whose presence ended on this date (YYYY-MM-DD).")]
    string? ValidTo,
    [FromQuery(Name = "datePrecision")]
    [property: Description("Only features dated to this precision: day, month or year.")]
    string? DatePrecision,
    [FromQuery(Name = "confidence")]
    [property: Description("Only features with exactly this confidence (0 to 1); use filter for ranges.")]
    string? Confidence,
    [FromQuery(Name = "approximate")]
    [property: Description("true or false (1 or 0).")]
    string? Approximate,
    [FromQuery(Name = "accuracyMeters")]
    [property: Description("Only features with this positional accuracy in metres.")]
    string? AccuracyMeters,
    [FromQuery(Name = "predecessor")]
    [property: Description("Only features that follow this feature id.")]
    string? Predecessor)
{
    /// <summary>Every query parameter name this endpoint accepts.</summary>
    public static readonly IReadOnlySet<string> Names = typeof(ItemsRequest).GetConstructors()[0].GetParameters()
        .Select(p => p.GetCustomAttribute<FromQueryAttribute>()!.Name!).ToHashSet(StringComparer.Ordinal);

    public ItemsQuery ToQuery(string layerId, MapOptions options)
    {
        var sortBy = ParameterParser.ParseSortBy(SortBy);
        var bboxCrs = CrsParameters.Parse(QueryParameters.BboxCrs, BboxCrs);
        return new ItemsQuery(layerId)
        {
            BboxCrs = bboxCrs,
            Bbox = ParameterParser.ParseBbox(Bbox, bboxCrs),
            ValidTime = ParameterParser.ParseDatetime(Datetime),
            RecordedAt = ParameterParser.ParseRecordedAt(RecordedAt),
            Filter = CombinedFilter(),
            SortBy = sortBy,
            Cursor = PageCursors.Parse(Cursor, sortBy),
            Limit = ParameterParser.ParseLimit(Limit, options.DefaultLimit, options.MaxLimit),
            Offset = ParameterParser.ParseOffset(Offset),
            Crs = CrsParameters.Parse(QueryParameters.Crs, Crs),
            Properties = ParameterParser.ParseProperties(Properties),
        };
    }

    private FilterExpression? CombinedFilter()
    {
        var parts = new List<FilterExpression>();
        if (Filter is not null) parts.Add(FilterParameter.Parse(Filter, FilterLang, FilterCrs));
        else if (FilterLang is not null || FilterCrs is not null) FilterParameter.CheckLanguageAndCrs(FilterLang, FilterCrs);
        parts.AddRange(PropertyParameters.Parse(new()
        {
            ["id"] = Id, ["name"] = Name, ["nameAr"] = NameAr, ["actor"] = Actor, ["kind"] = Kind, ["validFrom"] = ValidFrom,
            ["validTo"] = ValidTo, ["datePrecision"] = DatePrecision, ["confidence"] = Confidence, ["approximate"] = Approximate,
            ["accuracyMeters"] = AccuracyMeters, ["predecessor"] = Predecessor,
        }));
        return parts.Count == 0 ? null : FilterTerms.And(parts);
    }
}
