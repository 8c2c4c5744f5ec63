using System.ComponentModel;
using System.Reflection;
using Map.Data.Queries;
using Map.Web.Filtering;
using Map.Web.Items;
using Microsoft.AspNetCore.Mvc;

namespace Map.Web.Tiles;

/// <summary>
/// The query parameters of a tile and of tileset metadata: the items API's datetime and CQL2 filter, with the same
/// meaning, so the map's date and a client's filter cut the tiles. This record is also the whitelist (see <see cref="Names"/>).
/// </summary>
public sealed record TilesRequest(
    [FromQuery(Name = "datetime")]
    [property: Description("Date, date-time or interval (RFC 3339, '..' for an open end): only features present on that day or at any time in the interval.")]
    string? Datetime,
    [FromQuery(Name = "filter")]
    [property: Description("CQL2 filter over the queryables, as for items.")]
    string? Filter,
    [FromQuery(Name = "filter-lang")]
    [property: Description("cql2-text (default) or cql2-json.")]
    string? FilterLang,
    [FromQuery(Name = "filter-crs")]
    [property: Description("CRS of geometry literals in filter (default CRS84).")]
    string? FilterCrs)
{
    public static readonly IReadOnlySet<string> Names = typeof(TilesRequest).GetConstructors()[0].GetParameters()
        .Select(p => p.GetCustomAttribute<FromQueryAttribute>()!.Name!).ToHashSet(StringComparer.Ordinal);

    public TileQuery ToQuery(string layerId, TileAddress tile) => new(layerId, tile.Zoom, tile.Column, tile.Row)
    {
        ValidTime = ParameterParser.ParseDatetime(Datetime),
        Filter = ParseFilter(),
    };

    /// <summary>Checks the parameters (a 400 names the bad one) without cutting a tile: tileset metadata takes them too.</summary>
    public void Validate()
    {
        ParameterParser.ParseDatetime(Datetime);
        ParseFilter();
    }

    private FilterExpression? ParseFilter()
    {
        if (Filter is not null) return FilterParameter.Parse(Filter, FilterLang, FilterCrs);
        if (FilterLang is not null || FilterCrs is not null) FilterParameter.CheckLanguageAndCrs(FilterLang, FilterCrs);
        return null;
    }
}
