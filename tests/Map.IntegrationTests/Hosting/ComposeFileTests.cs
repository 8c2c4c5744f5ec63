using System.Diagnostics;
using Map.Testing;

namespace Map.IntegrationTests.Hosting;

public sealed class ComposeFileTests
{
    [Fact]
    public async Task DockerComposeValidatesTheComposeFile()
    {
        var (exitCode, errors, _) = await ConfigAsync(password: "a-password-chosen-by-the-operator");
        Assert.True(exitCode == 0, errors);
    }

    [Fact]
    public async Task TheComposeFileHasNoDefaultPasswordAndSaysWhichVariableToSet()
    {
        var (exitCode, errors, _) = await ConfigAsync(password: null);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("set MAP_DB_PASSWORD", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDatabaseAndTheAppUseThePasswordTheOperatorChose()
    {
        var (_, _, config) = await ConfigAsync(password: "s3cret-from-env");
        Assert.Contains("POSTGRES_PASSWORD: s3cret-from-env", config, StringComparison.Ordinal);
        Assert.Contains("Password=s3cret-from-env;", config, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Errors, string Config)> ConfigAsync(string? password)
    {
        var start = new ProcessStartInfo("docker-compose", "-f docker-compose.yml config")
        {
            WorkingDirectory = MapApplication.RepositoryRoot,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment.Remove("MAP_DB_PASSWORD");
        if (password is not null) start.Environment["MAP_DB_PASSWORD"] = password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, errors, await output);
    }
}
