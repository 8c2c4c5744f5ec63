using System.Threading.Channels;
using Map.Data.History;
using Npgsql;

namespace Map.Web.Changes;

/// <summary>
/// The app instance's one LISTEN connection to the change feed (<c>map_changes</c>), fanned out to every subscriber
/// (the open <c>GET /changes</c> streams). It listens on the write data source: LISTEN does not work on a standby.
/// The triggers hand out cursors in commit order and NOTIFY delivers in commit order, so events arrive in cursor order;
/// after a lost connection the hub reads what it missed from the <c>changes</c> table before listening again.
/// </summary>
public sealed partial class ChangeHub(NpgsqlDataSource dataSource, ILogger<ChangeHub> logger) : BackgroundService
{
    /// <summary>How many events a subscriber may fall behind before it must catch up from the table (it is told so).</summary>
    public const int SubscriberBuffer = 1024;

    private readonly Lock gate = new();
    private readonly List<Subscription> subscriptions = [];
    private long lastCursor = -1;
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests wait for it before writing).</summary>
    public Task Listening => listening.Task;

    public Subscription Subscribe()
    {
        var subscription = new Subscription(this);
        lock (gate) subscriptions.Add(subscription);
        return subscription;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (HistorySql.ParsePayload(e.Payload) is { } change) Publish(change);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {HistorySql.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                if (lastCursor < 0) lastCursor = await HistorySql.LatestCursorAsync(dataSource, stoppingToken);
                else foreach (var missed in await HistorySql.ChangesAsync(dataSource, lastCursor, int.MaxValue, stoppingToken)) Publish(missed);
                listening.TrySetResult();
                delay = TimeSpan.FromMilliseconds(250);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogLost(logger, e.Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 10));
            }
        }
        lock (gate) foreach (var s in subscriptions) s.Writer.TryComplete();
    }

    private void Publish(ChangeEvent change)
    {
        lock (gate)
        {
            if (change.Cursor <= lastCursor) return;
            lastCursor = change.Cursor;
            foreach (var subscription in subscriptions)
                if (!subscription.Writer.TryWrite(change)) subscription.Lagged = true;
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (gate) subscriptions.Remove(subscription);
    }

    [LoggerMessage(LogLevel.Warning, "Change feed: the LISTEN connection was lost ({Reason}); retrying in {Seconds} s")]
    private static partial void LogLost(ILogger logger, string reason, double seconds);

    /// <summary>One subscriber's queue of events; <see cref="Lagged"/> says events were dropped and must be read from the table.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly ChangeHub hub;
        private readonly Channel<ChangeEvent> channel = Channel.CreateBounded<ChangeEvent>(
            new BoundedChannelOptions(SubscriberBuffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        internal Subscription(ChangeHub hub) => this.hub = hub;

        internal ChannelWriter<ChangeEvent> Writer => channel.Writer;
        public ChannelReader<ChangeEvent> Reader => channel.Reader;
        private volatile bool lagged;

        public bool Lagged { get => lagged; set => lagged = value; }

        public void Dispose() => hub.Remove(this);
    }
}
