using Map.Web.Actors;
using Map.Web.ClientConfig;
using Map.Web.Collections;
using Map.Web.Health;
using Map.Web.Hosting;
using Map.Web.Imports;
using Map.Web.Items;
using Map.Web.Problems;
using Map.Web.Regions;

var builder = WebApplication.CreateBuilder(args);

// Configuration: the "Map" section and the PostGIS connection (ConnectionStrings:Map).
builder.AddMapOptions().AddMapDatabase();
// Operator options for the map page (optional online tiles, off by default).
builder.AddClientConfig();

// Errors as RFC 9457 problem details; health of the database.
builder.Services.AddMapProblems();
builder.Services.AddMapHealth();
// Shapefile uploads (authenticated), running the same import pipeline as `map import`.
builder.Services.AddMapImports();

var app = builder.Build();

app.UseMapProblems();
// The map page and its modules from the repository's wwwroot/.
app.UseMapPage();

// The GeoJSON API: layers as collections, their features, regions and actors.
app.MapCollectionsApi();
app.MapItemsApi();
app.MapRegionsApi();
app.MapActorsApi();
// What the map page reads at start: operator options such as the optional online tile layer.
app.MapClientConfigApi();
app.MapMapHealth();
app.MapImportsApi(); // POST /imports (zip upload, API key), GET /imports/{id}

// Migrate and seed geodata/ before taking requests.
await app.PrepareDatabaseAsync();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
