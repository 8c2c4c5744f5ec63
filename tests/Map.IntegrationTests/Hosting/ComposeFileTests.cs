using System.Diagnostics;
using Map.Testing;

namespace Map.IntegrationTests.Hosting;

public sealed class ComposeFileTests
{
    [Fact]
    public async Task DockerComposeValidatesTheComposeFile()
    {
        var start = new ProcessStartInfo("docker-compose", "-f docker-compose.yml config --quiet")
        {
            WorkingDirectory = MapApplication.RepositoryRoot,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
    }
}
