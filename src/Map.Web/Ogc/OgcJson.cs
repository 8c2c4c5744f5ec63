using System.Text.Encodings.Web;
using System.Text.Json;

namespace Map.Web.Ogc;

/// <summary>JSON as the API writes it: web naming, and URLs and non-Latin text left readable (no \u0026 in links).</summary>
public static class OgcJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
