using Map.Data;
using Map.Data.Connections;
using Map.Data.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Map.Web.Actors;

public static class ActorsApi
{
    public static RouteGroupBuilder MapActorsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/actors").WithTags("Actors");
        group.MapGet("", GetActors).WithName("getActors").WithSummary("The forces, with names in English and Arabic and their map colour");
        return group;
    }

    public static async Task<Ok<List<Actor>>> GetActors(MapReadDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Actors.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct));
}
