using Map.Data.Queries;
using Map.Web.Crs;
using Map.Web.Items;
using Map.Web.Ogc;

namespace Map.Web.Filtering;

/// <summary>The filter, filter-lang and filter-crs parameters (OGC API – Features Part 3).</summary>
public static class FilterParameter
{
    public const string Cql2Text = "cql2-text";
    public const string Cql2Json = "cql2-json";

    /// <summary>The pre-CQL2 names that clients such as GDAL 3.6 look for before they send a filter; the same languages here.</summary>
    public const string CqlText = "cql-text";
    public const string CqlJson = "cql-json";

    /// <summary>Every accepted filter-lang, as /api lists them.</summary>
    public static readonly IReadOnlyList<string> Languages = [Cql2Text, Cql2Json, CqlText, CqlJson];

    public static FilterExpression Parse(string filter, string? language, string? crs)
    {
        var filterCrs = CheckLanguageAndCrs(language, crs);
        if (string.IsNullOrWhiteSpace(filter)) throw FilterTerms.Invalid("The filter is empty.");
        var terms = new FilterTerms(filterCrs);
        var parsed = language is Cql2Json or CqlJson ? Cql2JsonParser.Parse(filter, terms) : Cql2TextParser.Parse(filter, terms);
        return FilterTerms.CheckSize(parsed);
    }

    public static SpatialReference CheckLanguageAndCrs(string? language, string? crs)
    {
        if (language is not null && !Languages.Contains(language))
            throw new InvalidParameterException(QueryParameters.FilterLang,
                $"'{language}' is not supported; use {Cql2Text} or {Cql2Json} ({CqlText} and {CqlJson} are accepted for the same).");
        return CrsParameters.Parse(QueryParameters.FilterCrs, crs);
    }
}
