using System.Globalization;
using Map.Web.Collections;
using Map.Web.Ogc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Map.Web.Html;

/// <summary>HTML views of /collections (a table linking to each) and of one collection (its extent, links and a map of it).</summary>
public static class CollectionPages
{
    public static ContentHttpResult Collections(HttpRequest request, CollectionsDocument document)
    {
        var page = new HtmlLayout(request).Element("p", $"{document.Collections.Count} collections: the presence layers and the basemap.");
        page.Table(["Collection", "Id", "Description", "Geometry", "Time", "Items"], document.Collections.Select(c => (IReadOnlyList<Action<HtmlLayout>>)
        [
            h => h.Anchor(Href(c, LinkRelations.Alternate, MediaTypes.Html), c.Title),
            h => h.Element("code", c.Id),
            h => h.Text(c.Description),
            h => h.Text($"{c.GeometryKind} ({c.Role})"),
            h => h.Text(Time(c.Extent)),
            h => h.Anchor(Href(c, LinkRelations.Items, MediaTypes.Html), "table").Text(" · ")
                .Anchor(Href(c, LinkRelations.Items, MediaTypes.GeoJson), "GeoJSON"),
        ]), "collections");
        ResourcePages.Links(page, document.Links);
        return page.Page("Collections");
    }

    public static ContentHttpResult Collection(HttpRequest request, CollectionDocument document)
    {
        var bbox = document.Extent?.Spatial?.Bbox.FirstOrDefault();
        var page = new HtmlLayout(request).Element("p", document.Description);
        page.Table(["", ""],
        [
            [h => h.Text("Id"), h => h.Element("code", document.Id)],
            [h => h.Text("Geometry"), h => h.Text($"{document.GeometryKind} ({document.Role} layer)")],
            [h => h.Text("Spatial extent"),
                h => h.Text(bbox is null ? "no features" : $"longitude {Range(bbox[0], bbox[2])}, latitude {Range(bbox[1], bbox[3])}")],
            [h => h.Text("Time"), h => h.Text(Time(document.Extent))],
            [h => h.Text("Storage CRS"), h => h.Text(document.StorageCrs)],
            [h => h.Text("Output CRS"), h => h.Text(string.Join(", ", document.Crs))],
            [h => h.Text("Updated"), h => h.Text(document.UpdatedAt.ToString("u", CultureInfo.InvariantCulture))],
            [h => h.Text("Features"), h => h.Anchor(Href(document, LinkRelations.Items, MediaTypes.Html), "as a table")
                .Text(" · ").Anchor(Href(document, LinkRelations.Items, MediaTypes.GeoJson), "as GeoJSON")
                .Text(" · ").Anchor(Href(document, LinkRelations.Queryables, MediaTypes.SchemaJson)?.Replace("/queryables", "/queryables?f=html",
                    StringComparison.Ordinal), "queryables")],
        ], "properties");
        if (bbox is not null) page.Element("h2", "Extent").Map(null, bbox);
        ResourcePages.Links(page, document.Links);
        return page.Page(document.Title);
    }

    private static string? Href(CollectionDocument collection, string rel, string type) =>
        collection.Links.FirstOrDefault(l => l.Rel == rel && l.Type == type)?.Href;

    private static string Range(double from, double to) =>
        string.Create(CultureInfo.InvariantCulture, $"{from:0.####} to {to:0.####}");

    private static string Time(CollectionExtent? extent) =>
        extent?.Temporal.Interval.FirstOrDefault() is [var from, var to] ? $"{from?[..10] ?? "…"} to {to?[..10] ?? "today"}" : "";
}
