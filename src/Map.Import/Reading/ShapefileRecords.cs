using Map.Import.Sources;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;
using NetTopologySuite.IO.Esri.Shp;
using NetTopologySuite.IO.Esri.Shp.Readers;

namespace Map.Import.Reading;

/// <summary>
/// Streams a checked shapefile record by record: the shapes from NetTopologySuite's .shp reader, the attributes from
/// <see cref="DbfTable"/>, each read on its own so that shapes can be read a little ahead. One record's attributes are
/// in memory at a time.
/// </summary>
public sealed class ShapefileRecords : IDisposable
{
    private readonly ShpReader shp;
    private readonly Stream shpStream;
    private readonly string name;

    public DbfTable Table { get; }
    public ResolvedEncoding Encoding { get; }
    public int RecordCount { get; }
    /// <summary>The ESRI shape type: 1 point, 3 line, 5 polygon, 8 multipoint; +10 with Z, +20 with M.</summary>
    public int ShapeType { get; }
    public bool HasZOrM => ShapeType > 10;

    /// <summary>1-based, as in the .shp and as users see it in QGIS's attribute table (FID + 1).</summary>
    public int RecordNumber { get; private set; }
    private int shapesRead;

    private ShapefileRecords(ShapefileSet files, string? encodingName)
    {
        name = files.Name;
        (ShapeType, RecordCount) = ShapefileCheck.Run(files);
        Table = DbfTable.Open(files.DbfPath, name);
        try
        {
            ShapefileCheck.CompareCounts(name, RecordCount, Table.RecordCount);
            Encoding = DbfEncodings.Resolve(encodingName, files.CpgPath, Table.LanguageDriver, name);
            Table.UseEncoding(Encoding.Encoding);
            shpStream = new FileStream(files.ShpPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var options = new ShapefileReaderOptions
            {
                Factory = new GeometryFactory(new PrecisionModel(), 4326),
                // Validity is checked (and repaired or refused) by the import itself, once.
                GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes,
            };
            shp = Shp.OpenRead(shpStream, options);
        }
        catch
        {
            Table.Dispose();
            shpStream?.Dispose();
            throw;
        }
    }

    public static ShapefileRecords Open(ShapefileSet files, string? encodingName) => new(files, encodingName);

    /// <summary>
    /// The next record's shape, from the .shp alone; false after the last. Shapes may be read ahead of the attributes
    /// (<see cref="ReadAttributes"/>), on another thread: see <see cref="Validation.PreparedShapes"/>.
    /// </summary>
    public bool ReadShape(out Geometry shape)
    {
        shape = Point.Empty;
        if (shapesRead >= RecordCount) return false;
        shapesRead++;
        bool more;
        try
        {
            more = shp.Read();
        }
        catch (Exception e) when (e is not ImportException and not OutOfMemoryException)
        {
            throw new ImportException(ImportErrors.ShpInvalid, $"{name}: record {shapesRead} cannot be read as a shape ({e.Message}); the .shp is damaged.");
        }
        if (!more) throw new ImportException(ImportErrors.ShpInvalid, $"{name}: record {shapesRead} cannot be read; the .shp is damaged.");
        shape = shp.Geometry;
        return true;
    }

    /// <summary>Advances <see cref="Table"/> and <see cref="RecordNumber"/> to the next record's attributes; false after the last.</summary>
    public bool ReadAttributes()
    {
        if (RecordNumber >= RecordCount) return false;
        RecordNumber++;
        if (!Table.Read()) throw new ImportException(ImportErrors.ShpInvalid, $"{name}: record {RecordNumber} cannot be read; the .shp is damaged.");
        return true;
    }

    public void Dispose()
    {
        shp.Dispose();
        shpStream.Dispose();
        Table.Dispose();
    }
}
