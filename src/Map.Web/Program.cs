using Map.Web.Actors;
using Map.Web.ClientConfig;
using Map.Web.Changes;
using Map.Web.Collections;
using Map.Web.Editing;
using Map.Web.Health;
using Map.Web.History;
using Map.Web.Hosting;
using Map.Web.Http;
using Map.Web.Imports;
using Map.Web.Items;
using Map.Web.Keys;
using Map.Web.Ogc;
using Map.Web.Problems;
using Map.Web.Regions;
using Map.Web.Replication;
using Map.Web.Search;
using Map.Web.Tiles;

var builder = WebApplication.CreateBuilder(args);

// Configuration: the "Map" section and the two data sources: writes on ConnectionStrings:Map (the primary), reads on
// ConnectionStrings:MapRead (standbys) when set, both sized and timed by Map:Database; read-your-writes (Map:Replication).
builder.AddMapOptions().AddMapDatabase();
builder.Services.AddMapReplication();
// Where links point: Map:PublicBaseUrl, else the request (AllowedHosts; X-Forwarded-* only from Map:ForwardedHeaders proxies).
builder.AddPublicAddress();
// Operator options for the map page (optional online tiles, off by default).
builder.AddClientConfig();

// Errors as RFC 9457 problem details; health of the database.
builder.Services.AddMapProblems();
builder.Services.AddMapHealth();

// OGC API – Features: gzip/Brotli, CORS for reads and caching settings ("Api" section); feature store and OpenAPI.
builder.Services.AddMapHttp();
builder.Services.AddOgcApi();
// OGC API – Tiles: vector tiles cut by PostGIS ("Map:Tiles" section).
builder.Services.AddMapTiles();

// API keys with roles (importer, editor, admin) from the api_keys table, as `./map keys` manages them.
builder.Services.AddMapKeys();
// OGC API – Features Part 4: edits with an editor key, each with its comment and sources, kept in the feature's history.
builder.Services.AddMapEdits();
// The change feed: one LISTEN connection per instance, fanned out to GET /changes streams ("Map:Changes" section).
builder.Services.AddMapChanges();
// Shapefile uploads (authenticated), running the same import pipeline as `map import`.
builder.Services.AddMapImports();

var app = builder.Build();

app.UsePublicAddress();
// Content-Security-Policy (only this app's own scripts and styles), nosniff, no framing, no Referer.
app.UseSecurityHeaders();
// HEAD wherever GET is served: the same status and headers, no body (before routing, which then sees a GET).
app.UseHeadAsGet();
app.UseRouting();
app.UseMapProblems();
// The request's API key, if it presents one, resolved once to its holder (name and role).
app.UseMapKeys();
// Compression and CORS for the API (before the static files, so the map's modules are compressed too).
app.UseMapHttp();
// The map page and its modules from the repository's wwwroot/.
app.UseMapPage();
// Reads: once more elsewhere when a standby went away; after the caller's write (Map-Read-After, cookie) from a server that has it.
app.UseReadRouting();

// Landing page (JSON for clients, the map for browsers), conformance, queryables, /api and /api/reference.
app.MapOgcApi();
// The GeoJSON API: layers as collections, their features, regions and actors.
app.MapCollectionsApi();
app.MapItemsApi();
app.MapEditsApi();
// Record-time history of a feature, and the change feed (SSE or JSON after a cursor).
app.MapHistoryApi();
app.MapChangesApi();
// Vector tiles of every collection (datetime and filter as for items) and the tile matrix set they use.
app.MapTilesApi();
app.MapRegionsApi();
app.MapActorsApi();
// Name search across layers and towns (indexed, transliteration-tolerant), for the map's search box and scripts.
app.MapSearchApi();
// What the map page reads at start: operator options such as the optional online tile layer.
app.MapClientConfigApi();
// POST /imports (zip upload, API key) and GET /imports/{id} for job status.
app.MapImportsApi();
app.MapMapHealth();

// Migrate and seed geodata/ before taking requests.
await app.PrepareDatabaseAsync();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
