using Map.Data.Keys;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Map.Cli;
using Map.Data;
using Map.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Npgsql;

namespace Map.Import.Tests.Fixture;

/// <summary>
/// One app on one PostGIS test database (seeded with the fixture geodata: actors alpha and beta, layers bases and
/// zones), with an upload key configured and small upload limits; plus helpers to run the CLI, upload, and look at
/// the tables. Tests in the collection run one after another, so "the features table is unchanged" is meaningful.
/// </summary>
public sealed class ImportFixture : IAsyncLifetime
{
    public const string ApiKey = "test-upload-key-0123456789";
    public const long MaxUploadBytes = 4L << 20;
    public const long MaxExtractedBytes = 8L << 20;
    public const long SynchronousLimitBytes = 256L << 10;

    public MapApplication App { get; private set; } = null!;
    public WebApplicationFactory<Program> Web { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    /// <summary>The import service on the test database, as the doors use it.</summary>
    public ImportService Imports { get; private set; } = null!;
    public string Folder { get; } = Directory.CreateTempSubdirectory("map-import-tests-").FullName;
    public string ConnectionString => App.Database.ConnectionString;

    public async Task InitializeAsync()
    {
        App = await MapApplication.StartAsync("import", MapApplication.FixtureGeodata);
        Web = App.WithWebHostBuilder(web => web
            .UseSetting("Map:Imports:ApiKeyHashes:0", ApiKeys.Hash(ApiKey))
            .UseSetting("Map:Imports:MaxUploadBytes", MaxUploadBytes.ToString(CultureInfo.InvariantCulture))
            .UseSetting("Map:Imports:MaxExtractedBytes", MaxExtractedBytes.ToString(CultureInfo.InvariantCulture))
            .UseSetting("Map:Imports:SynchronousLimitBytes", SynchronousLimitBytes.ToString(CultureInfo.InvariantCulture)));
        Client = Web.CreateClient();
        DataSource = MapDataRegistration.CreateDataSource(ConnectionString);
        Imports = new ImportService(DataSource, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Web.DisposeAsync();
        await App.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>A fresh folder for one test's files.</summary>
    public string NewFolder(string name) =>
        Directory.CreateDirectory(Path.Combine(Folder, $"{name}-{Guid.NewGuid():N}"[..Math.Min(40, name.Length + 33)])).FullName;

    /// <summary>
    /// A shapefile (EPSG:4326) of <paramref name="count"/> points on a grid near Qamishli, actor alpha; the last one's actor
    /// unknown if asked.
    /// </summary>
    public string ManyPoints(string name, int count, bool lastIsBad = false, int epsg = 4326)
    {
        var folder = NewFolder(name);
        var features = Enumerable.Range(0, count).Select(i => SourceData.Feature(i, "Point",
            $"[{40 + i % 100 * 0.01:0.00}, {36 + i / 100 * 0.01:0.00}]", lastIsBad && i == count - 1 ? "nobody" : "alpha", "2020-01-01", "0.5"));
        return Gdal.MakeShapefile(WriteGeoJson(folder, name, SourceData.Collection(features.ToArray())), folder, name, epsg);
    }

    public static string WriteGeoJson(string folder, string name, string geoJson)
    {
        var path = Path.Combine(folder, name + ".geojson");
        File.WriteAllText(path, geoJson);
        return path;
    }

    public sealed record CliResult(int ExitCode, string Output, string Error);

    /// <summary>Runs `map-cli import …` (its real entry point) against the test database.</summary>
    public async Task<CliResult> Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var all = args.Length > 0 && args[0] == "import" ? [.. args, "--connection", ConnectionString] : args;
        var code = await CliApp.RunAsync(all, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static string Zip(string zipPath, IEnumerable<(string Entry, string File)> entries, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var (entry, file) in entries) zip.CreateEntryFromFile(file, entry, level);
        return zipPath;
    }

    /// <summary>Zips the files of a shapefile (every file with its base name) under the given folder inside the zip.</summary>
    public static string ZipShapefile(string shpPath, string zipPath, string inner = "", CompressionLevel level = CompressionLevel.Optimal)
    {
        var stem = Path.GetFileNameWithoutExtension(shpPath);
        var files = Directory.EnumerateFiles(Path.GetDirectoryName(shpPath)!, stem + ".*").Where(f => !f.EndsWith(".zip", StringComparison.Ordinal));
        return Zip(zipPath, files.Select(f => (inner + Path.GetFileName(f), f)), level);
    }

    /// <summary>How an upload sends its key: <c>Authorization: Bearer</c> or the <c>X-Api-Key</c> header.</summary>
    public enum KeyHeader { Bearer, XApiKey }

    /// <summary>POSTs a zip to /imports, by default to the app with a configured key; <paramref name="client"/> picks another app.</summary>
    public async Task<HttpResponseMessage> Upload(
        string zipPath, Dictionary<string, string> fields, string? key = ApiKey, string fileContentType = "application/zip",
        KeyHeader keyHeader = KeyHeader.Bearer, HttpClient? client = null)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(zipPath));
        file.Headers.ContentType = new MediaTypeHeaderValue(fileContentType);
        form.Add(file, "file", Path.GetFileName(zipPath));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/imports") { Content = form };
        if (key is not null && keyHeader == KeyHeader.Bearer) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (key is not null && keyHeader == KeyHeader.XApiKey) request.Headers.Add("X-Api-Key", key);
        return await (client ?? Client).SendAsync(request);
    }

    /// <summary>
    /// Rewrites the uncompressed size of one entry in both its local header and its central-directory record, so the
    /// archive lies about how much the entry inflates to (the compressed bytes are left as they are).
    /// </summary>
    public static void UnderstateSize(string zipPath, string entryName, uint declaredSize)
    {
        var zip = File.ReadAllBytes(zipPath);
        var span = zip.AsSpan();
        var patched = 0;
        // Local headers follow each other from the start (sizes are in the header: no data descriptors when seekable).
        for (var at = 0; BinaryPrimitives.ReadUInt32LittleEndian(span[at..]) == 0x04034b50;)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 26)..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 28)..]);
            var compressed = BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 18)..]);
            if (Encoding.UTF8.GetString(span.Slice(at + 30, nameLength)) == entryName)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 22)..], declaredSize);
                patched++;
            }
            at += 30 + nameLength + extraLength + (int)compressed;
        }
        // The central directory: its offset and record count are in the end-of-central-directory record.
        var end = span.LastIndexOf([(byte)0x50, (byte)0x4b, (byte)0x05, (byte)0x06]);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(span[(end + 10)..]);
        var record = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(end + 16)..]);
        for (var i = 0; i < count; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(record + 28)..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(record + 30)..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(record + 32)..]);
            if (Encoding.UTF8.GetString(span.Slice(record + 46, nameLength)) == entryName)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(record + 24)..], declaredSize);
                patched++;
            }
            record += 46 + nameLength + extraLength + commentLength;
        }
        if (patched != 2) throw new InvalidOperationException($"{entryName}: patched {patched} headers of {zipPath}, expected 2.");
        File.WriteAllBytes(zipPath, zip);
    }

    public static async Task<JsonObject> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>
    /// Every row of features, layers and imports as text: equal snapshots mean nothing changed, not even a timestamp,
    /// and no imports row was added ("leave no row").
    /// </summary>
    public async Task<string> SnapshotWithImports() => await Snapshot() + "/" + string.Join("|", (await ImportRows()).Select(r => r.Text));

    /// <summary>Every row of features and layers as text: equal snapshots mean nothing changed, not even a timestamp.</summary>
    public async Task<string> Snapshot()
    {
        await using var command = DataSource.CreateCommand("""
            SELECT (SELECT count(*) || ':' || coalesce(md5(string_agg(f::text, '|' ORDER BY id)), '') FROM features f)
                || '/' || (SELECT md5(string_agg(l::text, '|' ORDER BY id)) FROM layers l)
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The table that holds a layer's features (its partition of features), e.g. layer_storage.features_12.</summary>
    public Task<string> Partition(string layer) => Scalar<string>("SELECT layer_storage.partition_of(@layer)::text", ("layer", layer));

    /// <summary>
    /// Tables of layer_storage that are neither a layer's partition nor part of the history (a replaced table, which
    /// inherits feature_history): an import left one behind.
    /// </summary>
    public Task<long> LooseTables() => Scalar<long>(
        "SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'layer_storage'::regnamespace AND c.relkind = 'r' " +
        "AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid)");

    /// <summary>One row of the imports table: its status, the error code of its report, and the whole row as text.</summary>
    public sealed record ImportRow(string Status, string? Code, string Text);

    public async Task<List<ImportRow>> ImportRows()
    {
        await using var command = DataSource.CreateCommand(
            "SELECT status, report->'error'->>'code', i::text FROM imports i ORDER BY started_at, id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<ImportRow>();
        while (await reader.ReadAsync()) rows.Add(new ImportRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    /// <summary>
    /// Runs a refused import and checks what the README promises of it: features and layers exactly as they were,
    /// every earlier imports row unchanged, and one new row — this import, Failed, with the refusal's code.
    /// </summary>
    public async Task<T> ExpectAFailedImportRow<T>(string code, Func<Task<T>> import)
    {
        var data = await Snapshot();
        var rows = await ImportRows();

        var result = await import();

        Assert.Equal(data, await Snapshot());
        var after = await ImportRows();
        Assert.Equal(rows, after.Take(rows.Count));
        var added = Assert.Single(after.Skip(rows.Count));
        Assert.Equal(("Failed", code), (added.Status, added.Code));
        return result;
    }

    public async Task Execute(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public sealed record StoredFeature(string Id, string? ActorId, string Name, string? NameAr, DateOnly ValidFrom, string DatePrecision,
        double Confidence, Geometry Geometry, JsonObject Properties, string Sources, Guid? ImportId);

    /// <summary>The features of a layer in record order (ids end with the record number).</summary>
    public async Task<List<StoredFeature>> Features(string layer)
    {
        await using var command = DataSource.CreateCommand("""
            SELECT id, actor_id, name, name_ar, valid_from, date_precision, confidence, geometry, properties::text, sources::text, import_id
            FROM features WHERE layer_id = @layer ORDER BY length(id), id
            """);
        command.Parameters.AddWithValue("layer", layer);
        await using var reader = await command.ExecuteReaderAsync();
        var features = new List<StoredFeature>();
        while (await reader.ReadAsync())
            features.Add(new StoredFeature(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<DateOnly>(4), reader.GetString(5), reader.GetDouble(6),
                reader.GetFieldValue<Geometry>(7), JsonNode.Parse(reader.GetString(8))!.AsObject(), reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetGuid(10)));
        return features;
    }

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    /// <summary>The geometries of a GeoJSON FeatureCollection, in order.</summary>
    public static List<Geometry> Geometries(string geoJson) =>
        JsonNode.Parse(geoJson)!["features"]!.AsArray().Select(f => f!["geometry"].Deserialize<Geometry>(GeoJson)!).ToList();
}

[CollectionDefinition(Name)]
public sealed class ImportCollection : ICollectionFixture<ImportFixture>
{
    public const string Name = "import";
}
