using System.Diagnostics;

namespace Map.IntegrationTests.Gdal;

/// <summary>Runs GDAL's command-line tools (Debian's gdal-bin, installed by ./map test) and returns their output.</summary>
public static class GdalTool
{
    public static Task<string> RunAsync(string tool, params string[] arguments) => RunInAsync(null, tool, arguments);

    /// <summary>Any command-line tool (GDAL's, node, npm), from <paramref name="directory"/>; a non-zero exit fails the test.</summary>
    public static async Task<string> RunInAsync(string? directory, string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory ?? "" };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // GDAL must not answer from a cache of an earlier run, and must not go anywhere but the test server.
        start.Environment["GDAL_HTTP_USE_CACHE"] = "NO";
        start.Environment["CPL_VSIL_CURL_USE_CACHE"] = "FALSE";
        start.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {await errors}");
        return await output + await errors;
    }

    public static string TempPath(string name) =>
        Path.Combine(Path.GetTempPath(), $"map-gdal-{Guid.NewGuid():N}-{name}");
}
