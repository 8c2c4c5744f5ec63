using Map.Web.Items;
using Microsoft.AspNetCore.Diagnostics;

namespace Map.Web.Problems;

/// <summary>Turns a parameter the parsers refused into a 400 problem that names it.</summary>
public sealed class InvalidParameterHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not InvalidParameterException invalid) return false;
        await ApiProblems.InvalidParameter(invalid.Parameter, invalid.Message, invalid.Code).ExecuteAsync(httpContext);
        return true;
    }
}
