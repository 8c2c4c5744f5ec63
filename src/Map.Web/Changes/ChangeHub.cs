using System.Threading.Channels;
using Map.Data.History;
using Npgsql;

namespace Map.Web.Changes;

/// <summary>
/// The app instance's one LISTEN connection to the change feed (<c>map_changes</c>), fanned out to every subscriber
/// (the open <c>GET /changes</c> streams). It listens on the write data source: LISTEN does not work on a standby.
/// The triggers hand out cursors in commit order and NOTIFY delivers in commit order, so events arrive in cursor order;
/// after a lost connection the hub reads what it missed from the <c>changes</c> table before listening again.
/// Notifications are queued and delivered by one loop that asks, once per batch, which of its layers are published:
/// subscribers without a key get only those (the public must not learn ids or names of unpublished layers).
/// </summary>
public sealed partial class ChangeHub(NpgsqlDataSource dataSource, ILogger<ChangeHub> logger) : BackgroundService
{
    /// <summary>How many events a subscriber may fall behind before it must catch up from the table (it is told so).</summary>
    public const int SubscriberBuffer = 1024;

    private readonly Lock gate = new();
    private readonly List<Subscription> subscriptions = [];
    private long lastCursor = -1;
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<ChangeEvent> pending = Channel.CreateUnbounded<ChangeEvent>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the first LISTEN is in place (tests wait for it before writing).</summary>
    public Task Listening => listening.Task;

    /// <param name="mayReadUnpublished">True for a key holder: changes of unpublished layers are delivered too.</param>
    public Subscription Subscribe(bool mayReadUnpublished)
    {
        var subscription = new Subscription(this, mayReadUnpublished);
        lock (gate) subscriptions.Add(subscription);
        return subscription;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delivering = DeliverAsync(stoppingToken);
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (HistorySql.ParsePayload(e.Payload) is { } change) pending.Writer.TryWrite(change);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {HistorySql.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                long seen;
                lock (gate) seen = lastCursor;
                if (seen < 0)
                {
                    var latest = await HistorySql.LatestCursorAsync(dataSource, stoppingToken);
                    lock (gate) lastCursor = Math.Max(lastCursor, latest);
                }
                else
                {
                    foreach (var missed in await HistorySql.ChangesAsync(dataSource, seen, int.MaxValue, includeUnpublished: true, stoppingToken))
                        pending.Writer.TryWrite(missed);
                }
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
        pending.Writer.TryComplete();
        await delivering;
        lock (gate) foreach (var s in subscriptions) s.Writer.TryComplete();
    }

    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ChangeEvent>();
        try
        {
            while (await pending.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < SubscriberBuffer && pending.Reader.TryRead(out var change)) batch.Add(change);
                var published = await PublishedAsync(batch, stoppingToken);
                foreach (var change in batch) Publish(change, published.Contains(change.Layer));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>The batch's published layers; when the database cannot say, none (the public misses events rather than seeing too much).</summary>
    private async Task<HashSet<string>> PublishedAsync(List<ChangeEvent> batch, CancellationToken stoppingToken)
    {
        try
        {
            return await HistorySql.PublishedLayersAsync(dataSource, batch.Select(c => c.Layer).Distinct().ToList(), stoppingToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            LogUnknownPublication(logger, e.Message);
            return [];
        }
    }

    private void Publish(ChangeEvent change, bool published)
    {
        lock (gate)
        {
            if (change.Cursor <= lastCursor) return;
            lastCursor = change.Cursor;
            foreach (var subscription in subscriptions)
                if ((published || subscription.MayReadUnpublished) && !subscription.Writer.TryWrite(change)) subscription.Lagged = true;
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (gate) subscriptions.Remove(subscription);
    }

    [LoggerMessage(LogLevel.Warning, "Change feed: the LISTEN connection was lost ({Reason}); retrying in {Seconds} s")]
    private static partial void LogLost(ILogger logger, string reason, double seconds);

    [LoggerMessage(LogLevel.Warning, "Change feed: could not read which layers are published ({Reason}); events held back from the public")]
    private static partial void LogUnknownPublication(ILogger logger, string reason);

    /// <summary>One subscriber's queue of events; <see cref="Lagged"/> says events were dropped and must be read from the table.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly ChangeHub hub;
        private readonly Channel<ChangeEvent> channel = Channel.CreateBounded<ChangeEvent>(
            new BoundedChannelOptions(SubscriberBuffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        internal Subscription(ChangeHub hub, bool mayReadUnpublished) => (this.hub, MayReadUnpublished) = (hub, mayReadUnpublished);

        /// <summary>A key holder's subscription: it receives changes of unpublished layers too.</summary>
        public bool MayReadUnpublished { get; }

        internal ChannelWriter<ChangeEvent> Writer => channel.Writer;
        public ChannelReader<ChangeEvent> Reader => channel.Reader;
        private volatile bool lagged;

        public bool Lagged { get => lagged; set => lagged = value; }

        public void Dispose() => hub.Remove(this);
    }
}
