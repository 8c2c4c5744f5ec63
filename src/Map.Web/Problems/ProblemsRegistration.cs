namespace Map.Web.Problems;

public static class ProblemsRegistration
{
    /// <summary>Every error response, including unhandled exceptions and unknown routes, is problem+json with a code.</summary>
    public static IServiceCollection AddMapProblems(this IServiceCollection services) =>
        services.AddExceptionHandler<InvalidParameterHandler>().AddProblemDetails(options => options.CustomizeProblemDetails = context =>
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
        });

    public static WebApplication UseMapProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
