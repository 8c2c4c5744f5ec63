using System.IO.Compression;

namespace Map.Import.Sources;

/// <summary>
/// Unpacks an uploaded or named zip into a private folder, refusing entries that would land outside it (zip slip) and
/// archives that inflate beyond the limit (zip bombs): the declared sizes are checked first, the bytes actually written
/// are counted as well because headers can lie.
/// </summary>
public static class ZipExtractor
{
    /// <summary>Only the files a shapefile is made of are unpacked; everything else in the archive is ignored.</summary>
    private static readonly HashSet<string> ShapefileExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".shp", ".shx", ".dbf", ".prj", ".cpg", ".cst" };

    public static void Extract(string zipPath, string targetFolder, long maxExtractedBytes)
    {
        var name = Path.GetFileName(zipPath);
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException)
        {
            throw new ImportException(ImportErrors.NotAZip, $"{name} is not a zip archive (or it is damaged).");
        }

        using (archive)
        {
            var root = Path.GetFullPath(targetFolder) + Path.DirectorySeparatorChar;
            var entries = new List<(ZipArchiveEntry Entry, string Target)>();
            long declared = 0;
            foreach (var entry in archive.Entries)
            {
                // Zip paths use '/' and name no drive (APPNOTE 4.4.17); read a backslash as a separator, so an entry is refused
                // or accepted the same way whichever system unpacks it.
                var path = entry.FullName.Replace('\\', '/');
                var target = Path.GetFullPath(Path.Combine(root, path));
                if (!target.StartsWith(root, StringComparison.Ordinal) || Path.IsPathRooted(path) || (path.Length > 1 && path[1] == ':'))
                    throw new ImportException(ImportErrors.ZipUnsafePath,
                        $"{name}: the entry '{entry.FullName}' would be written outside the extraction folder; the archive was refused.");
                if (entry.FullName.EndsWith('/') || !ShapefileExtensions.Contains(Path.GetExtension(entry.FullName))) continue;
                declared += entry.Length;
                entries.Add((entry, target));
            }
            if (declared > maxExtractedBytes) throw TooLarge(name, maxExtractedBytes);

            long written = 0;
            var buffer = new byte[81920];
            foreach (var (entry, target) in entries)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                try
                {
                    using var input = entry.Open();
                    using var output = File.Create(target);
                    int read;
                    while ((read = input.Read(buffer)) > 0)
                    {
                        written += read;
                        if (written > maxExtractedBytes) throw TooLarge(name, maxExtractedBytes);
                        output.Write(buffer, 0, read);
                    }
                }
                catch (InvalidDataException e)
                {
                    throw new ImportException(ImportErrors.NotAZip, $"{name}: the entry '{entry.FullName}' cannot be unpacked ({e.Message}).");
                }
            }
        }
    }

    private static ImportException TooLarge(string name, long limit) =>
        new(ImportErrors.ZipTooLarge, $"{name} inflates to more than the limit of {limit:N0} bytes; the archive was refused.");
}
