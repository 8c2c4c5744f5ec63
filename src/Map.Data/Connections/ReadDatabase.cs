using Npgsql;

namespace Map.Data.Connections;

/// <summary>
/// The read path's data source (items, tiles, queryables, collections, regions, actors): the hosts of
/// <see cref="ConnectionRouting.Read"/>, standbys first. Writes never come here; they use the unkeyed
/// <see cref="NpgsqlDataSource"/> and <see cref="MapDbContext"/> (the primary).
/// </summary>
/// <remarks>
/// Sessions turn off JIT and parallel workers (in bench/api their start-up cost 30 ms and 80 ms on a 5 ms page), and
/// are not reset when returned to the pool (reads never change session state, and DISCARD ALL on every request costs).
/// </remarks>
public sealed class ReadDatabase : IAsyncDisposable
{
    public const string SessionOptions = "-c jit=off -c max_parallel_workers_per_gather=0";

    public ReadDatabase(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.Options = string.Join(' ', builder.ConnectionStringBuilder.Options, SessionOptions).Trim();
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        builder.UseNetTopologySuite();
        Standbys = builder.Build();
        Primary = Standbys is NpgsqlMultiHostDataSource hosts ? hosts.WithTargetSession(TargetSessionAttributes.Primary) : Standbys;
    }

    /// <summary>Standbys first (load balanced), the primary when none answers; the primary alone without MapRead.</summary>
    public NpgsqlDataSource Standbys { get; }

    /// <summary>The primary in the same pools, for a read that must see a write its standby has not replayed yet.</summary>
    public NpgsqlDataSource Primary { get; }

    public ValueTask DisposeAsync() => Standbys.DisposeAsync();
}

/// <summary>
/// The read connection of one request when it must be a particular one: a read that follows the caller's write is
/// pinned to a connection that has replayed it, and every query of the request (EF Core's and FeatureStore's) runs
/// on it. Otherwise each query takes a pooled connection from <see cref="ReadDatabase.Standbys"/>.
/// </summary>
public sealed class ReadSession : IAsyncDisposable
{
    public NpgsqlConnection? Pinned { get; private set; }

    public void Pin(NpgsqlConnection connection)
    {
        if (Pinned is not null) throw new InvalidOperationException("The request's read connection is already pinned.");
        Pinned = connection;
    }

    public ValueTask DisposeAsync() => Pinned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
