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

    public static FilterExpression Parse(string filter, string? language, string? crs)
    {
        var filterCrs = CheckLanguageAndCrs(language, crs);
        if (string.IsNullOrWhiteSpace(filter)) throw FilterTerms.Invalid("The filter is empty.");
        var terms = new FilterTerms(filterCrs);
        return (language ?? Cql2Text) == Cql2Json ? Cql2JsonParser.Parse(filter, terms) : Cql2TextParser.Parse(filter, terms);
    }

    public static SpatialReference CheckLanguageAndCrs(string? language, string? crs)
    {
        if (language is not (null or Cql2Text or Cql2Json))
            throw new InvalidParameterException(QueryParameters.FilterLang, $"'{language}' is not supported; use {Cql2Text} or {Cql2Json}.");
        return CrsParameters.Parse(QueryParameters.FilterCrs, crs);
    }
}
