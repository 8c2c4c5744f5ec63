using System.Buffers.Binary;
using Map.Import.Sources;

namespace Map.Import.Reading;

/// <summary>
/// Checks the .shp and .shx against each other and the file lengths before anything is read, because the shapefile
/// library reads a damaged file without complaint: it stops early at a short file, skips records of the wrong shape
/// type and ignores shapes beyond the DBF's record count. Every record the .shx lists must lie inside the .shp, in
/// order, with the length the .shx gives and the file's shape type (or a null shape), and nothing may follow the last.
/// </summary>
public static class ShapefileCheck
{
    public const int HeaderLength = 100;
    private const int FileCode = 9994;
    private static readonly HashSet<int> ShapeTypes = [1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28];

    /// <returns>The shape type of the file and its number of records.</returns>
    public static (int ShapeType, int RecordCount) Run(ShapefileSet files)
    {
        var name = files.Name;
        using var shp = new FileStream(files.ShpPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var shapeType = ReadHeader(shp, name, ImportErrors.ShpInvalid, ".shp", out var declaredLength);
        // Asked once: FileStream.Length is a system call (fstat) each time, and the loop below needs it per record.
        var shpLength = shp.Length;
        if (shpLength < declaredLength)
            throw new ImportException(ImportErrors.ShpTruncated,
                $"{name}: the .shp file is truncated: its header says {declaredLength:N0} bytes but it holds {shpLength:N0}.");
        if (shpLength > declaredLength)
            throw new ImportException(ImportErrors.ShpInvalid,
                $"{name}: the .shp file holds {shpLength - declaredLength:N0} bytes more than its header says ({declaredLength:N0}); it is damaged.");
        if (!ShapeTypes.Contains(shapeType))
            throw new ImportException(ImportErrors.ShpInvalid,
                $"{name}: shape type {shapeType} is not supported (points, lines, polygons and multipoints, with or without Z/M).");

        using var shx = new FileStream(files.ShxPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var indexType = ReadHeader(shx, name, ImportErrors.ShxInvalid, ".shx", out var indexLength);
        if (indexType != shapeType || indexLength != shx.Length || (shx.Length - HeaderLength) % 8 != 0)
            throw new ImportException(ImportErrors.ShxInvalid, $"{name}: the .shx index does not match the .shp (shape type or length); it is damaged.");
        var count = (int)((shx.Length - HeaderLength) / 8);

        Span<byte> entry = stackalloc byte[8];
        Span<byte> recordHeader = stackalloc byte[12];
        long position = HeaderLength;
        for (var number = 1; number <= count; number++)
        {
            shx.ReadExactly(entry);
            var offset = 2L * BinaryPrimitives.ReadInt32BigEndian(entry);
            var contentLength = 2L * BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
            if (offset + 8 + contentLength > shpLength)
                throw new ImportException(ImportErrors.ShpTruncated,
                    $"{name}: record {number} of {count:N0} lies beyond the end of the .shp file: the file is truncated.");
            if (offset != position || contentLength < 4)
                throw new ImportException(ImportErrors.ShpInvalid, $"{name}: record {number} is not where the .shx index says; the .shp or .shx is damaged.");
            shp.Position = offset;
            shp.ReadExactly(recordHeader);
            var recordType = BinaryPrimitives.ReadInt32LittleEndian(recordHeader[8..]);
            if (2L * BinaryPrimitives.ReadInt32BigEndian(recordHeader[4..]) != contentLength || (recordType != 0 && recordType != shapeType))
                throw new ImportException(ImportErrors.ShpInvalid,
                    $"{name}: record {number} does not match its .shx entry (length or shape type); the file is damaged.");
            position = offset + 8 + contentLength;
        }
        if (position != shpLength)
            throw new ImportException(ImportErrors.RecordCountMismatch,
                $"{name}: the .shp holds more shapes than the {count:N0} its .shx index lists.");
        return (shapeType, count);
    }

    public static void CompareCounts(string name, int shapes, int attributeRecords)
    {
        if (shapes != attributeRecords)
            throw new ImportException(ImportErrors.RecordCountMismatch,
                $"{name}: the .shp has {shapes:N0} shapes but the .dbf has {attributeRecords:N0} attribute records; they must pair one to one.");
    }

    private static int ReadHeader(FileStream stream, string name, string code, string extension, out long declaredLength)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        if (stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength)
            throw new ImportException(code == ImportErrors.ShpInvalid ? ImportErrors.ShpTruncated : code,
                $"{name}: the {extension} file is shorter than a shapefile header ({stream.Length} bytes).");
        if (BinaryPrimitives.ReadInt32BigEndian(header) != FileCode || BinaryPrimitives.ReadInt32LittleEndian(header[28..]) != 1000)
            throw new ImportException(code, $"{name}: the {extension} file is not a shapefile (wrong file code or version).");
        declaredLength = 2L * BinaryPrimitives.ReadInt32BigEndian(header[24..]);
        return BinaryPrimitives.ReadInt32LittleEndian(header[32..]);
    }
}
