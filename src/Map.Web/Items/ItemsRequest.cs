using System.ComponentModel;
using Map.Data.Queries;
using Map.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Map.Web.Items;

/// <summary>The query parameters of /collections/{collectionId}/items, bound as text and parsed in one place.</summary>
public sealed record ItemsRequest(
    [FromQuery(Name = "bbox")] [property: Description("minLon,minLat,maxLon,maxLat in WGS 84 (CRS84).")]
    string? Bbox,
    [FromQuery(Name = "datetime")] [property: Description("Date or interval (RFC 3339, '..' for an open end); returns features present on that date or at any time in that interval.")]
    string? Datetime,
    [FromQuery(Name = "limit")] [property: Description("Features per page; default 100, maximum 10000 (larger values are lowered to the maximum).")]
    string? Limit,
    [FromQuery(Name = "offset")] [property: Description("Features to skip; follow the 'next' link rather than computing it.")]
    string? Offset)
{
    public FeatureFilter ToFilter(string layerId, MapOptions options) => new(layerId)
    {
        Bbox = ParameterParser.ParseBbox(Bbox),
        ValidTime = ParameterParser.ParseDatetime(Datetime),
        Limit = ParameterParser.ParseLimit(Limit, options.DefaultLimit, options.MaxLimit),
        Offset = ParameterParser.ParseOffset(Offset),
    };
}
