using System.IO.Compression;
using Map.Web.Ogc;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Map.Web.Http;

public static class HttpRegistration
{
    public const string ReadCorsPolicy = "reads";

    /// <summary>Gzip and Brotli for every JSON-like response; CORS for the read endpoints; the Api options.</summary>
    public static IServiceCollection AddMapHttp(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
                [MediaTypes.GeoJson, MediaTypes.ProblemJson, MediaTypes.SchemaJson, "application/vnd.oai.openapi+json"]);
        });
        // Fastest: large GeoJSON pages compress well even at the lowest levels, and CPU is the scarce resource.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<ApiOptions>>((cors, api) => cors.AddPolicy(ReadCorsPolicy, policy =>
            {
                var origins = api.Value.CorsOrigins;
                if (origins.Contains("*")) policy.AllowAnyOrigin(); else policy.WithOrigins(origins);
                policy.WithMethods("GET", "HEAD").AllowAnyHeader()
                    .WithExposedHeaders("ETag", "Last-Modified", HeaderNames.ContentCrs, "Content-Language")
                    .SetPreflightMaxAge(TimeSpan.FromSeconds(api.Value.CorsMaxAgeSeconds));
            }));
        return services;
    }

    public static WebApplication UseMapHttp(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseCors();
        return app;
    }
}
