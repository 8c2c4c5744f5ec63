using Map.Web.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Map.Web.Problems;

public static class ProblemsRegistration
{
    /// <summary>
    /// Every error response, including unhandled exceptions and unknown routes, is problem+json with a code: a refused
    /// parameter is a 400 naming it, a database that is down or overloaded a 503 with Retry-After.
    /// </summary>
    public static IServiceCollection AddMapProblems(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services.AddExceptionHandler<InvalidParameterHandler>().AddExceptionHandler<DatabaseFailureHandler>()
            .AddProblemDetails(options => options.CustomizeProblemDetails = AddCode);
    }

    private static void AddCode(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? 500;
        if (context.ProblemDetails.Extensions.ContainsKey("code")) return;
        var code = status switch
        {
            404 => ProblemCodes.NotFound,
            >= 500 => ProblemCodes.ServerError,
            _ => $"http-{status}",
        };
        context.ProblemDetails.Extensions["code"] = code;
        context.ProblemDetails.Type ??= ApiProblems.TypeUri(code);
    }

    /// <summary>The exception handler, then a 400 for any path or query text PostgreSQL could not take (a NUL).</summary>
    public static WebApplication UseMapProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestTextCheck();
        return app;
    }
}
