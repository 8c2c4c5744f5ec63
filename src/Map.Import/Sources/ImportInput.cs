namespace Map.Import.Sources;

/// <summary>What the user named (a .shp, a folder or a .zip) resolved to one shapefile on disk.</summary>
public static class ImportInput
{
    /// <param name="path">A .shp file, a folder holding one, or a zip holding one at any depth.</param>
    /// <param name="workFolder">Where a zip is unpacked; the caller deletes it.</param>
    /// <param name="shapefileName">Which shapefile to take when there are several (file name with or without .shp).</param>
    public static ShapefileSet Resolve(string path, string workFolder, string? shapefileName, long maxExtractedBytes)
    {
        if (Directory.Exists(path)) return Choose(path, Path.GetFileName(Path.TrimEndingDirectorySeparator(path)), shapefileName);
        if (!File.Exists(path))
            throw new ImportException(ImportErrors.InputNotFound, $"{path}: no such file or folder.");
        if (string.Equals(Path.GetExtension(path), ".shp", StringComparison.OrdinalIgnoreCase)) return ShapefileSet.FromShp(path);

        ZipExtractor.Extract(path, workFolder, maxExtractedBytes);
        return Choose(workFolder, Path.GetFileName(path), shapefileName);
    }

    private static ShapefileSet Choose(string folder, string displayName, string? shapefileName)
    {
        var candidates = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => string.Equals(Path.GetExtension(f), ".shp", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (shapefileName is not null)
        {
            var stem = Path.GetFileNameWithoutExtension(shapefileName);
            candidates = candidates.Where(f => string.Equals(Path.GetFileNameWithoutExtension(f), stem, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        return candidates.Count switch
        {
            0 => throw NoShapefile(folder, displayName, shapefileName),
            1 => ShapefileSet.FromShp(candidates[0]),
            _ => throw new ImportException(ImportErrors.SeveralShapefiles,
                $"{displayName} holds several shapefiles ({string.Join(", ", candidates.Select(c => Path.GetRelativePath(folder, c)))}); " +
                $"name one with {ImportOption.Shapefile}."),
        };
    }

    private static ImportException NoShapefile(string folder, string displayName, string? shapefileName)
    {
        var others = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".dbf" or ".shx").ToList();
        if (shapefileName is null && others.Count > 0)
            return new ImportException(ImportErrors.ShpMissing,
                $"{displayName} has {Path.GetFileName(others[0])} but no .shp file: the geometry file is missing.");
        return new ImportException(ImportErrors.NoShapefile, shapefileName is null
            ? $"{displayName} holds no shapefile (.shp)."
            : $"{displayName} holds no shapefile named '{shapefileName}'.");
    }
}
