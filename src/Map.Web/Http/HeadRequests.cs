using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Map.Web.Http;

/// <summary>
/// HEAD wherever GET is served (RFC 9110 §9.3.2), for every endpoint and static file at once: the request runs as a
/// GET, so it gets exactly the GET's status and headers (Content-Type, ETag, Last-Modified, Cache-Control, a 304 on
/// validators), and whatever body the GET would write is dropped.
/// </summary>
public static class HeadRequests
{
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use(AnswerAsGetAsync);
        return app;
    }

    private static async Task AnswerAsGetAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        context.Request.Method = HttpMethods.Get;
        context.Features.Set<IHttpResponseBodyFeature>(new NoBody(body));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(body);
            context.Request.Method = HttpMethods.Head;
        }
    }

    /// <summary>The server's response with the body taken away: headers are still sent when the response starts.</summary>
    private sealed class NoBody(IHttpResponseBodyFeature server) : IHttpResponseBodyFeature
    {
        public Stream Stream => Stream.Null;
        public PipeWriter Writer { get; } = PipeWriter.Create(Stream.Null);
        public void DisableBuffering() => server.DisableBuffering();
        public Task StartAsync(CancellationToken cancellationToken = default) => server.StartAsync(cancellationToken);
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task CompleteAsync() => server.CompleteAsync();
    }
}
