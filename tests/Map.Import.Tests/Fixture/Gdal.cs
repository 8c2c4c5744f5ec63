using System.Diagnostics;

namespace Map.Import.Tests.Fixture;

/// <summary>GDAL as the maker of fixture shapefiles and as the reference reprojection.</summary>
public static class Gdal
{
    public static void Ogr2Ogr(params string[] args)
    {
        var start = new ProcessStartInfo("ogr2ogr") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ogr2ogr {string.Join(' ', args)} failed: {error}");
    }

    /// <summary>A shapefile made by GDAL from a GeoJSON file (EPSG:4326), in the given CRS and DBF encoding.</summary>
    public static string MakeShapefile(string geoJsonPath, string folder, string name, int epsg, string encoding = "UTF-8")
    {
        Directory.CreateDirectory(folder);
        var shp = Path.Combine(folder, name + ".shp");
        Ogr2Ogr("-f", "ESRI Shapefile", "-t_srs", $"EPSG:{epsg}", "-lco", $"ENCODING={encoding}", shp, geoJsonPath);
        return shp;
    }

    /// <summary>GDAL's own reprojection of a shapefile to EPSG:4326, as GeoJSON text.</summary>
    public static string ToWgs84GeoJson(string shpPath)
    {
        var output = Path.Combine(Path.GetDirectoryName(shpPath)!, Path.GetFileNameWithoutExtension(shpPath) + $".reference-{Guid.NewGuid():N}.geojson");
        Ogr2Ogr("-f", "GeoJSON", "-t_srs", "EPSG:4326", "-lco", "COORDINATE_PRECISION=12", output, shpPath);
        var text = File.ReadAllText(output);
        File.Delete(output);
        return text;
    }
}
