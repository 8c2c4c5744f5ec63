using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Map.Web.Changes;
using Microsoft.Extensions.DependencyInjection;

namespace Map.IntegrationTests.Living;

/// <summary>The change feed through a real socket: Server-Sent Events (live, resumable, with heartbeats) and JSON for pollers.</summary>
[Collection(LivingCollection.Name)]
public sealed class ChangesTests(LivingFixture living)
{
    /// <summary>An event stream read from the app's real port, event by event.</summary>
    private sealed class EventStream : IAsyncDisposable
    {
        private readonly HttpClient client;
        private readonly HttpResponseMessage response;
        private readonly StreamReader reader;

        private EventStream(HttpClient client, HttpResponseMessage response, StreamReader reader) =>
            (this.client, this.response, this.reader) = (client, response, reader);

        public static async Task<EventStream> OpenAsync(Uri baseAddress, string? lastEventId = null, string? key = null)
        {
            var client = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/changes");
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (key is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            var stream = new EventStream(client, response, new StreamReader(await response.Content.ReadAsStreamAsync()));
            await stream.NextBlock(TimeSpan.FromSeconds(5));
            return stream;
        }

        /// <summary>The lines of the next block (up to an empty line).</summary>
        public async Task<List<string>> NextBlock(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            var lines = new List<string>();
            while (true)
            {
                var line = await reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException();
                if (line.Length == 0 && lines.Count > 0) return lines;
                if (line.Length > 0) lines.Add(line);
            }
        }

        /// <summary>The next change event (heartbeats skipped): its id line and its data.</summary>
        public async Task<(long Id, JsonObject Data)> NextChange(TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var block = await NextBlock(timeout - clock.Elapsed);
                var id = block.FirstOrDefault(l => l.StartsWith("id: ", StringComparison.Ordinal));
                if (id is null) continue;
                var data = block.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..];
                return (long.Parse(id[4..], System.Globalization.CultureInfo.InvariantCulture), JsonNode.Parse(data)!.AsObject());
            }
        }

        public async ValueTask DisposeAsync()
        {
            reader.Dispose();
            response.Dispose();
            client.Dispose();
            await Task.CompletedTask;
        }
    }

    private async Task ListenerReady() => await living.App.Services.GetRequiredService<ChangeHub>().Listening.WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task AnEditReachesAnOpenEventStreamWithItsLayerIdsAndCursor()
    {
        await ListenerReady();
        await using var stream = await EventStream.OpenAsync(living.App.BaseAddress);
        await living.Create(LivingFixture.NewBase("live-1"));
        var (id, data) = await stream.NextChange(TimeSpan.FromSeconds(5));
        Assert.Equal("bases", (string?)data["layer"]);
        Assert.Equal("insert", (string?)data["operation"]);
        Assert.Equal(["live-1"], data["ids"]!.AsArray().Select(i => (string)i!));
        Assert.Equal("edit", (string?)data["origin"]);
        Assert.Equal(id, (long)data["cursor"]!);
    }

    [Fact]
    public async Task AStreamResumedWithLastEventIdDeliversWhatCameAfterInOrder()
    {
        await ListenerReady();
        await living.Create(LivingFixture.NewBase("resume-0"));
        var start = (await living.Client.GetFromJsonAsync<JsonObject>("/changes?since=0"))!;
        var cursor = (long)start["cursor"]!;
        while ((bool)start["more"]!)
        {
            start = (await living.Client.GetFromJsonAsync<JsonObject>($"/changes?since={cursor}"))!;
            cursor = (long)start["cursor"]!;
        }
        await living.Create(LivingFixture.NewBase("resume-1"));
        await living.Create(LivingFixture.NewBase("resume-2"));

        await using var stream = await EventStream.OpenAsync(living.App.BaseAddress, cursor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var first = await stream.NextChange(TimeSpan.FromSeconds(5));
        var second = await stream.NextChange(TimeSpan.FromSeconds(5));
        Assert.Equal(["resume-1"], first.Data["ids"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(["resume-2"], second.Data["ids"]!.AsArray().Select(i => (string)i!));
        Assert.True(cursor < first.Id && first.Id < second.Id);
    }

    [Fact]
    public async Task AnIdleStreamSendsHeartbeats()
    {
        await using var stream = await EventStream.OpenAsync(living.App.BaseAddress);
        var block = await stream.NextBlock(TimeSpan.FromSeconds(5));
        Assert.Contains(": heartbeat", block);
    }

    [Fact]
    public async Task PollersGetTheChangesAfterTheirCursorInOrder()
    {
        var latest = await living.Count("SELECT coalesce(max(id), 0) FROM changes");
        await living.Create(LivingFixture.NewBase("poll-1"));
        await living.Create(LivingFixture.NewBase("poll-2"));
        var page = (await living.Client.GetFromJsonAsync<JsonObject>($"/changes?since={latest}"))!;
        var changes = page["changes"]!.AsArray();
        Assert.Equal(["poll-1", "poll-2"], changes.SelectMany(c => c!["ids"]!.AsArray()).Select(i => (string)i!));
        Assert.Equal((long)changes[^1]!["cursor"]!, (long)page["cursor"]!);
        var empty = (await living.Client.GetFromJsonAsync<JsonObject>($"/changes?since={page["cursor"]}"))!;
        Assert.Empty(empty["changes"]!.AsArray());
    }

    [Fact]
    public async Task PollersWithoutAKeyDoNotSeeChangesOfUnpublishedLayers()
    {
        var latest = await living.Count("SELECT coalesce(max(id), 0) FROM changes");
        await living.SetPublished("bases", false);
        try
        {
            await living.Create(LivingFixture.NewBase("hidden-poll-1"));
            var (anonymous, withKey) = (await Poll(latest, key: null), await Poll(latest, living.ImporterKey));
            Assert.DoesNotContain("bases", anonymous.Select(c => (string)c!["layer"]!));
            Assert.DoesNotContain("hidden-poll-1", anonymous.SelectMany(c => c!["ids"]?.AsArray() ?? []).Select(i => (string)i!));
            Assert.Equal(["hidden-poll-1"], withKey.SelectMany(c => c!["ids"]!.AsArray()).Select(i => (string)i!));
        }
        finally
        {
            await living.SetPublished("bases", true);
        }
        // Published again, the layer's changes are public again (the filter follows the layer, not the change).
        Assert.Contains("hidden-poll-1", (await Poll(latest, key: null)).SelectMany(c => c!["ids"]!.AsArray()).Select(i => (string)i!));
        await living.Remove("hidden-poll-1");
    }

    [Fact]
    public async Task EventStreamsWithoutAKeyDoNotCarryChangesOfUnpublishedLayers()
    {
        await ListenerReady();
        await using var anonymous = await EventStream.OpenAsync(living.App.BaseAddress);
        await using var editor = await EventStream.OpenAsync(living.App.BaseAddress, key: living.EditorKey);
        await living.SetPublished("bases", false);
        try
        {
            await living.Create(LivingFixture.NewBase("hidden-live-1"));
            // The key holder's stream receiving it means the hub has decided for everyone (one delivery per event).
            var hidden = await editor.NextChange(TimeSpan.FromSeconds(5));
            Assert.Equal(["hidden-live-1"], hidden.Data["ids"]!.AsArray().Select(i => (string)i!));
        }
        finally
        {
            await living.SetPublished("bases", true);
        }
        await living.Create(LivingFixture.NewBase("visible-live-1"));
        // Events arrive in cursor order, so the public stream's next event being the later one shows the hidden one was left out.
        var next = await anonymous.NextChange(TimeSpan.FromSeconds(5));
        Assert.Equal(["visible-live-1"], next.Data["ids"]!.AsArray().Select(i => (string)i!));
        await living.Remove("hidden-live-1");
        await living.Remove("visible-live-1");
    }

    private async Task<JsonArray> Poll(long since, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/changes?since={since}");
        if (key is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var response = await living.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["changes"]!.AsArray();
    }
}
