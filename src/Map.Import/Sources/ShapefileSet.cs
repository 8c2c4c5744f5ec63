namespace Map.Import.Sources;

/// <summary>The files of one shapefile on disk. Sidecar files are matched by base name, ignoring case (FOO.SHP + foo.dbf).</summary>
public sealed record ShapefileSet(string ShpPath, string ShxPath, string DbfPath, string? PrjPath, string? CpgPath)
{
    /// <summary>The name reports and import records use: the .shp file name as the user knows it.</summary>
    public string Name => Path.GetFileName(ShpPath);

    public static ShapefileSet FromShp(string shpPath)
    {
        if (!File.Exists(shpPath))
            throw new ImportException(ImportErrors.ShpMissing, $"{Path.GetFileName(shpPath)}: the .shp file does not exist.");
        var shx = Sibling(shpPath, ".shx") ?? throw new ImportException(ImportErrors.ShxMissing,
            $"{Path.GetFileName(shpPath)}: the .shx index file is missing; a shapefile needs .shp, .shx and .dbf with the same name.");
        var dbf = Sibling(shpPath, ".dbf") ?? throw new ImportException(ImportErrors.DbfMissing,
            $"{Path.GetFileName(shpPath)}: the .dbf attribute file is missing; a shapefile needs .shp, .shx and .dbf with the same name.");
        return new ShapefileSet(shpPath, shx, dbf, Sibling(shpPath, ".prj"), Sibling(shpPath, ".cpg") ?? Sibling(shpPath, ".cst"));
    }

    private static string? Sibling(string shpPath, string extension)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(shpPath))!;
        var stem = Path.GetFileNameWithoutExtension(shpPath);
        return Directory.EnumerateFiles(folder).FirstOrDefault(f =>
            string.Equals(Path.GetFileNameWithoutExtension(f), stem, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(Path.GetExtension(f), extension, StringComparison.OrdinalIgnoreCase));
    }
}
