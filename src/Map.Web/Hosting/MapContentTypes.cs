using Microsoft.AspNetCore.StaticFiles;

namespace Map.Web.Hosting;

internal static class MapContentTypes
{
    public static readonly FileExtensionContentTypeProvider Provider = Create();

    private static FileExtensionContentTypeProvider Create()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".mjs"] = "text/javascript";
        provider.Mappings[".geojson"] = "application/geo+json";
        return provider;
    }
}
