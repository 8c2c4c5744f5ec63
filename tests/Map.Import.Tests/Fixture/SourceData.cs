namespace Map.Import.Tests.Fixture;

/// <summary>
/// The fixture features, written as GeoJSON (EPSG:4326) for GDAL to turn into shapefiles. Positions in northeastern
/// Syria; Arabic text in letters that Windows-1256 also has, so the CP1256 copies hold the same text.
/// </summary>
public static class SourceData
{
    public static readonly string[] ArabicNames = ["رميلان", "القامشلي", "الحسكة", "تل تمر"];
    public const string ArabicFieldName = "مصدر";
    public const string ArabicNote = "ملاحظة: موقع تقريبي";

    public static string Points => Collection(
        Feature(0, "Point", "[41.9234567, 37.0123456]", "alpha", "2019-10-01", "0.8"),
        Feature(1, "Point", "[41.2107013, 37.0521988]", "beta", "15/03/2020", "\"high\""),
        Feature(2, "Point", "[40.7493241, 36.5021937]", "Alpha force", "2020-05", "75"),
        Feature(3, "Point", "[40.0307722, 36.8443118]", "قوة بيتا", "2021", "0.3"));

    public static string Lines => Collection(
        Feature(0, "LineString", "[[40.75, 36.50], [41.21, 37.05], [41.92, 37.01]]", "alpha", "2019-10-01", "0.5"),
        Feature(1, "MultiLineString", "[[[40.03, 36.84], [40.2, 36.9]], [[40.5, 36.6], [40.6, 36.65]]]", "beta", "2020-01-02", "0.5"));

    public static string Polygons => Collection(
        Feature(0, "Polygon",
            "[[[40.6, 36.4], [40.9, 36.4], [40.9, 36.6], [40.6, 36.6], [40.6, 36.4]], " +
            "[[40.7, 36.45], [40.7, 36.5], [40.8, 36.5], [40.8, 36.45], [40.7, 36.45]]]",
            "alpha", "2019-10-01", "0.9"),
        Feature(1, "MultiPolygon",
            "[[[[41.8, 36.9], [42.0, 36.9], [42.0, 37.1], [41.8, 36.9]]], [[[41.1, 37.0], [41.3, 37.0], [41.3, 37.1], [41.1, 37.0]]]]",
            "beta", "2020-06-30", "0.6"));

    public static string Collection(params string[] features) =>
        "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", features) + "]}";

    public static string Feature(int i, string type, string coordinates, string actor, string validFrom, string confidence) =>
        $$$"""
        {"type":"Feature","properties":{"name":"Site {{{i}}}","name_ar":"{{{ArabicNames[i % ArabicNames.Length]}}}","actor":"{{{actor}}}","kind":"base",
         "valid_from":"{{{validFrom}}}","confidence":{{{confidence}}},"source":"https://example.org/report/{{{i}}}",
        """ + $$$"""
        "{{{ArabicFieldName}}}":"{{{ArabicNote}}} {{{i}}}","count":{{{i * 10}}}},
         "geometry":{"type":"{{{type}}}","coordinates":{{{coordinates}}}}}
        """;
}
