using Map.Web.Actors;
using Map.Web.Collections;
using Map.Web.Health;
using Map.Web.Hosting;
using Map.Web.Http;
using Map.Web.Items;
using Map.Web.Ogc;
using Map.Web.Problems;
using Map.Web.Regions;

var builder = WebApplication.CreateBuilder(args);

// Configuration: the "Map" section and the PostGIS connection (ConnectionStrings:Map).
builder.AddMapOptions().AddMapDatabase();

// Errors as RFC 9457 problem details; health of the database.
builder.Services.AddMapProblems();
builder.Services.AddMapHealth();

// OGC API – Features: gzip/Brotli, CORS for reads and caching settings ("Api" section); feature store and OpenAPI.
builder.Services.AddMapHttp();
builder.Services.AddOgcApi();

var app = builder.Build();

app.UseMapProblems();
// Compression and CORS for the API (before the static files, so the map's modules are compressed too).
app.UseMapHttp();
// The map page and its modules from the repository's wwwroot/.
app.UseMapPage();

// The GeoJSON API: layers as collections, their features, regions and actors.
app.MapCollectionsApi();
app.MapItemsApi();
app.MapRegionsApi();
app.MapActorsApi();
// Landing page (JSON for clients, the map for browsers), conformance, queryables, /api and /api/reference.
app.MapOgcApi();
app.MapMapHealth();

// Migrate and seed geodata/ before taking requests.
await app.PrepareDatabaseAsync();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
