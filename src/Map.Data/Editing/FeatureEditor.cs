using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Map.Data.History;
using Map.Data.Model;
using Map.Data.Queries;
using Map.Data.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Npgsql;

namespace Map.Data.Editing;

/// <summary>
/// Creates, replaces, patches (JSON Merge Patch, RFC 7396) and deletes single features: the one application service
/// behind OGC API – Features Part 4. Each write is one transaction that checks the version (If-Match) under a row
/// lock, validates the record as the seeder does plus what only a database knows (actor, predecessor, id), writes
/// it with its provenance (key name, comment, sources) for the history triggers, and moves the layer's stamp. A refused
/// write throws <see cref="EditException"/> before anything is written; readers see the edit whole or not at all.
/// </summary>
public sealed partial class FeatureEditor(MapDbContext db, TimeProvider clock)
{
    public const int MaxCommentLength = 2000;

    private static readonly JsonSerializerOptions GeoJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 4326)) },
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2})?)?$")]
    private static partial Regex PublishedPattern();

    public async Task<(string Id, FeatureVersion Version)> CreateAsync(string layerId, JsonObject body, Provenance provenance, CancellationToken ct)
    {
        var layer = await EditableLayer(layerId, ct);
        var id = body["id"] switch
        {
            null => $"{layerId}-{Guid.NewGuid():N}"[..(layerId.Length + 13)],
            JsonValue v when v.TryGetValue(out string? text) && IdPattern().IsMatch(text) => text,
            var other => throw Invalid($"id {other.ToJsonString()} is not a feature id: 1–200 letters, digits and . _ : -"),
        };
        var feature = await Validate(layer, id, body, ct);
        RequireSources(feature.Sources, "properties.sources");
        await using var transaction = await Begin(provenance, null, ct);
        if (await db.Features.AnyAsync(f => f.Id == id, ct))
            throw new EditException(EditError.DuplicateId, $"A feature with id '{id}' exists; ids are unique across layers. Choose another or leave it out.");
        feature.CreatedAt = feature.UpdatedAt = clock.GetUtcNow();
        db.Features.Add(feature);
        return (id, await Commit(transaction, layerId, id, ct));
    }

    public Task<FeatureVersion> ReplaceAsync(
        string layerId, string featureId, JsonObject body, IfMatch? ifMatch, Provenance provenance, CancellationToken ct) =>
        Change(layerId, featureId, ifMatch, provenance, async (layer, _) =>
        {
            if (body["id"] is { } id && id.ToString() != featureId)
                throw Invalid($"The body's id '{id}' is not the feature's id '{featureId}'; ids cannot change.");
            var feature = await Validate(layer, featureId, body, ct);
            RequireSources(feature.Sources, "properties.sources");
            return feature;
        }, ct);

    /// <remarks>The patch must set <c>properties.sources</c>: an edit says on which sources it rests (merge patch replaces arrays whole).</remarks>
    public Task<FeatureVersion> PatchAsync(
        string layerId, string featureId, JsonObject patch, IfMatch? ifMatch, Provenance provenance, CancellationToken ct) =>
        Change(layerId, featureId, ifMatch, provenance, async (layer, current) =>
        {
            if (patch["id"] is { } id && id.ToString() != featureId)
                throw Invalid($"The patch's id '{id}' is not the feature's id '{featureId}'; ids cannot change.");
            if (patch["properties"] is not JsonObject properties || properties["sources"] is null)
                throw new EditException(EditError.SourceRequired,
                    "A patch must set properties.sources: the list of sources (title, url, published) this change rests on.");
            var merged = MergePatch.Apply(current, patch) as JsonObject ?? throw Invalid("The patch must be a JSON object.");
            var feature = await Validate(layer, featureId, merged, ct);
            RequireSources(feature.Sources, "properties.sources");
            return feature;
        }, ct);

    /// <remarks>A deletion's sources come with the request (<see cref="Provenance.DeletionSources"/>) and stay in the history.</remarks>
    public async Task DeleteAsync(string layerId, string featureId, IfMatch? ifMatch, Provenance provenance, CancellationToken ct)
    {
        await EditableLayer(layerId, ct);
        RequireSources(provenance.DeletionSources ?? [], "Map-Source");
        await using var transaction = await Begin(provenance, JsonSerializer.Serialize(provenance.DeletionSources, GeoJson), ct);
        await LockedVersion(layerId, featureId, ifMatch, ct);
        await db.Features.Where(f => f.LayerId == layerId && f.Id == featureId).ExecuteDeleteAsync(ct);
        await TouchLayer(layerId, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<FeatureVersion> Change(string layerId, string featureId, IfMatch? ifMatch, Provenance provenance,
        Func<Layer, JsonObject, Task<Feature>> build, CancellationToken ct)
    {
        var layer = await EditableLayer(layerId, ct);
        await using var transaction = await Begin(provenance, null, ct);
        var version = await LockedVersion(layerId, featureId, ifMatch, ct);
        var feature = await build(layer, await CurrentJson(layerId, featureId, ct));
        var current = await db.Features.SingleAsync(f => f.LayerId == layerId && f.Id == featureId, ct);
        feature.CreatedAt = current.CreatedAt;
        feature.UpdatedAt = current.UpdatedAt;
        feature.ImportId = current.ImportId;
        db.Entry(current).CurrentValues.SetValues(feature);
        if (db.Entry(current).State != EntityState.Modified)
        {
            await transaction.RollbackAsync(ct);
            return version;
        }
        current.UpdatedAt = clock.GetUtcNow();
        return await Commit(transaction, layerId, featureId, ct);
    }

    private async Task<IDbContextTransaction> Begin(Provenance provenance, string? sourcesJson, CancellationToken ct)
    {
        var comment = provenance.Comment?.Trim();
        if (string.IsNullOrEmpty(comment))
            throw new EditException(EditError.CommentRequired, "Every write says why: send a Map-Comment header (percent-encoded UTF-8).");
        if (comment.Length > MaxCommentLength)
            throw new EditException(EditError.CommentRequired, $"The comment is longer than {MaxCommentLength} characters.");
        var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ApplyAsync(new RecordContext(provenance.Author, RecordOrigins.Edit, comment, sourcesJson), ct);
        return transaction;
    }

    private async Task<FeatureVersion> Commit(IDbContextTransaction transaction,
        string layerId, string featureId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new EditException(EditError.DuplicateId, $"A feature with id '{featureId}' exists; ids are unique across layers.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        await TouchLayer(layerId, ct);
        var recorded = await db.Database
            .SqlQuery<DateTime>($"SELECT recorded_at AS \"Value\" FROM features WHERE layer_id = {layerId} AND id = {featureId}")
            .SingleAsync(ct);
        await transaction.CommitAsync(ct);
        return FeatureVersion.From(recorded);
    }

    /// <summary>Locks the feature's row until the commit and checks If-Match against its version.</summary>
    private async Task<FeatureVersion> LockedVersion(string layerId, string featureId, IfMatch? ifMatch, CancellationToken ct)
    {
        var rows = await db.Database
            .SqlQuery<DateTime>($"SELECT recorded_at AS \"Value\" FROM features WHERE layer_id = {layerId} AND id = {featureId} FOR UPDATE")
            .ToListAsync(ct);
        if (rows.Count == 0) throw new EditException(EditError.FeatureNotFound, $"Collection '{layerId}' has no feature '{featureId}'.");
        var version = FeatureVersion.From(rows[0]);
        if (ifMatch is null)
            throw new EditException(EditError.PreconditionRequired,
                "Send If-Match with the ETag of the version you changed (GET the feature first), so that no one else's edit is overwritten.");
        if (!ifMatch.Accepts(version))
            throw new EditException(EditError.PreconditionFailed,
                "The feature changed since you read it (If-Match does not name its current version); read it again and redo the change.");
        return version;
    }

    private async Task<JsonObject> CurrentJson(string layerId, string featureId, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = FeatureSql.One(layerId, featureId, SpatialReference.Crs84, null);
        command.Connection = connection;
        command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var json = await command.ExecuteScalarAsync(ct) as string
            ?? throw new EditException(EditError.FeatureNotFound, $"Collection '{layerId}' has no feature '{featureId}'.");
        return JsonNode.Parse(json)!.AsObject();
    }

    private async Task<Layer> EditableLayer(string layerId, CancellationToken ct)
    {
        var layer = await db.Layers.AsNoTracking().SingleOrDefaultAsync(l => l.Id == layerId, ct)
            ?? throw new EditException(EditError.CollectionNotFound, $"There is no collection '{layerId}'.");
        if (layer.Role != LayerRole.Presence)
            throw new EditException(EditError.NotEditable, $"Collection '{layerId}' is basemap geography; only presence collections are edited.");
        return layer;
    }

    private async Task TouchLayer(string layerId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Layers.Where(l => l.Id == layerId).ExecuteUpdateAsync(s => s.SetProperty(l => l.UpdatedAt, now), ct);
    }

    /// <summary>The checks of the seeder (<see cref="FeatureRecordMapper"/>) and those only the database can make.</summary>
    private async Task<Feature> Validate(Layer layer, string id, JsonObject body, CancellationToken ct)
    {
        if ((string?)(body["type"] as JsonValue) != "Feature") throw Invalid("The body must be a GeoJSON Feature (\"type\": \"Feature\").");
        if (body["properties"] is not JsonObject properties) throw Invalid("The feature has no properties object.");
        properties = (JsonObject)properties.DeepClone();
        if (properties["layer"] is { } named && named.ToString() != layer.Id)
            throw Invalid($"properties.layer is '{named}' but the feature is written to '{layer.Id}'; a feature cannot move between collections.");
        properties.Remove("layer");
        Geometry geometry;
        try
        {
            geometry = body["geometry"].Deserialize<Geometry>(GeoJson) ?? throw Invalid("The feature has no geometry.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw Invalid($"The geometry cannot be read as GeoJSON: {e.Message}");
        }
        geometry.SRID = 4326;
        CheckGeometry(geometry, layer.GeometryKind);

        Feature feature;
        try
        {
            feature = FeatureRecordMapper.ToFeature(new GeoJsonRecord("body", id, geometry, properties), layer.Id, []);
        }
        catch (GeodataException e)
        {
            throw Invalid(e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            throw Invalid($"A property has a value of the wrong type ({e.Message}).");
        }
        if (!Kinds.Known.Contains(feature.Kind))
            throw Invalid($"kind '{feature.Kind}' is not one geodata/README.md defines ({string.Join(", ", Kinds.Known)}).");
        if (feature.ActorId is null || !await db.Actors.AnyAsync(a => a.Id == feature.ActorId, ct))
            throw Invalid($"actor '{feature.ActorId}' is not a known actor (see /actors).");
        if (feature.PredecessorId is { } predecessor && !await db.Features.AnyAsync(f => f.Id == predecessor, ct))
            throw Invalid($"predecessor '{predecessor}' is not a feature.");
        if (feature.AccuracyMeters is < 0) throw Invalid("accuracyMeters cannot be negative.");
        return feature;
    }

    private static void CheckGeometry(Geometry geometry, GeometryKind kind)
    {
        if (geometry.IsEmpty) throw Invalid("The geometry is empty.");
        var envelope = geometry.EnvelopeInternal;
        if (envelope.MinX < -180 || envelope.MaxX > 180 || envelope.MinY < -90 || envelope.MaxY > 90)
            throw Invalid("The coordinates are not longitude/latitude (CRS84, longitude first, within ±180/±90).");
        if (!geometry.IsValid)
            throw Invalid($"The geometry is not valid: {new NetTopologySuite.Operation.Valid.IsValidOp(geometry).ValidationError}.");
        var fits = kind switch
        {
            GeometryKind.Point => geometry is Point or MultiPoint,
            GeometryKind.Line => geometry is LineString or MultiLineString,
            GeometryKind.Polygon => geometry is Polygon or MultiPolygon,
            _ => true,
        };
        if (!fits) throw Invalid($"A {geometry.GeometryType} does not belong in a {kind.ToString().ToLowerInvariant()} collection.");
    }

    private static void RequireSources(IReadOnlyList<Source> sources, string member)
    {
        foreach (var source in sources)
        {
            if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new EditException(EditError.SourceRequired, $"{member}: '{source.Url}' is not an http(s) URL.");
            if (source.Published is { } published && !PublishedPattern().IsMatch(published))
                throw new EditException(EditError.SourceRequired, $"{member}: published '{published}' is not YYYY, YYYY-MM or YYYY-MM-DD.");
        }
        if (!sources.Any(s => s.Published is not null))
            throw new EditException(EditError.SourceRequired,
                $"{member} must name at least one source with a URL and the date it was published (title, url, published).");
    }

    private static EditException Invalid(string message) => new(EditError.InvalidFeature, message);
}
