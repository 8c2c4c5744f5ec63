using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Map.Data.Keys;
using Map.Testing;

namespace Map.IntegrationTests.Imports;

/// <summary>
/// An upload whose form cannot make an import (a layer id that is not one, an unknown mode …) is refused from the fields
/// sent before the file, before a byte of the file is read or stored, whatever its size: on the real server (Kestrel),
/// as a client sees it.
/// </summary>
public sealed class EarlyRefusalTests : IAsyncLifetime
{
    private MapApplication app = null!;
    private string key = null!;

    public async Task InitializeAsync()
    {
        app = await MapApplication.StartAsync("refusal", MapApplication.FixtureGeodata, onRealPort: true);
        await using var keys = Map.Data.MapDataRegistration.CreateDataSource(app.Database.ConnectionString);
        key = await new ApiKeyService(keys).AddAsync("early-refusal", KeyRole.Importer);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AnUploadOver8MiBWithAnInvalidLayerIsRefusedBeforeItsFileIsRead()
    {
        const string boundary = "map-stalled-upload";
        const long fileBytes = 9 << 20;
        var form = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Disposition: form-data; name=\"layer\"\r\n\r\nNot a layer!\r\n")
            .Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.zip\"\r\n")
            .Append("Content-Type: application/zip\r\n\r\n").ToString();
        var tail = $"\r\n--{boundary}--\r\n";
        var headers = new StringBuilder()
            .Append("POST /imports HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {app.BaseAddress.Authority}\r\n")
            .Append(CultureInfo.InvariantCulture, $"X-Api-Key: {key}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: multipart/form-data; boundary={boundary}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {form.Length + fileBytes + tail.Length}\r\n\r\n").ToString();

        // A client on a socket of its own sends the headers, the fields and 1 MiB of the 9 MiB file, then nothing more: an
        // endpoint that read the file before it checked the fields would never answer.
        using var client = new TcpClient();
        await client.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers + form));
        await stream.WriteAsync(new byte[1 << 20]);
        await stream.FlushAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var answer = await ReadResponseAsync(stream, timeout.Token);

        Assert.StartsWith("HTTP/1.1 400 ", answer.StatusLine, StringComparison.Ordinal);
        var problem = JsonNode.Parse(answer.Body)!;
        Assert.Equal("invalid-option", (string?)problem["code"]);
        Assert.Contains("'Not a layer!' is not a layer id", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM imports"));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM import_jobs"));
    }

    /// <summary>The status line and the body of an HTTP/1.1 response, sent with a Content-Length or in chunks.</summary>
    private static async Task<(string StatusLine, string Body)> ReadResponseAsync(NetworkStream stream, CancellationToken ct)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, ct);
            if (read == 0) throw new IOException("The server closed the connection without a whole answer.");
            received.AddRange(buffer.AsSpan(0, read));
            var text = Encoding.Latin1.GetString([.. received]); // one char per byte: chunk sizes count bytes
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) continue;
            var head = text[..end].Split("\r\n");
            var rest = text[(end + 4)..];
            if (head.Any(h => h.StartsWith("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)))
            {
                if (!rest.Contains("\r\n0\r\n\r\n", StringComparison.Ordinal) && !rest.StartsWith("0\r\n\r\n", StringComparison.Ordinal)) continue;
                var body = new StringBuilder();
                for (var at = 0; ;)
                {
                    var line = rest.IndexOf("\r\n", at, StringComparison.Ordinal);
                    var size = int.Parse(rest[at..line], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (size == 0) return (head[0], Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(body.ToString())));
                    body.Append(rest, line + 2, size);
                    at = line + 2 + size + 2;
                }
            }
            var length = head.Skip(1).Select(h => h.Split(':', 2)).Where(h => h[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(h => int.Parse(h[1].Trim(), CultureInfo.InvariantCulture)).Single();
            if (rest.Length >= length) return (head[0], Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(rest[..length])));
        }
    }
}
