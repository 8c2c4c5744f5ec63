using System.Diagnostics;
using System.Text.RegularExpressions;
using Map.Testing;

namespace Map.IntegrationTests.Hosting;

/// <summary>docker-compose.yml, as Debian's docker-compose reads and normalises it (no Docker engine needed).</summary>
public sealed partial class ComposeFileTests
{
    private static readonly Dictionary<string, string> Passwords = new()
    {
        ["MAP_DB_PASSWORD"] = "a-password",
        ["MAP_REPLICATION_PASSWORD"] = "another-password",
    };

    [Fact]
    public async Task DockerComposeValidatesTheComposeFile()
    {
        var (exitCode, _, errors) = await ComposeAsync("config --quiet", Passwords);
        Assert.True(exitCode == 0, errors);
    }

    [Fact]
    public async Task APrimaryAStandbyTwoAppInstancesAndAProxyEachHaveAHealthcheck()
    {
        var (_, config, _) = await ComposeAsync("config", Passwords);
        var services = Services(config);

        Assert.Equal(["app1", "app2", "primary", "proxy", "standby"], services.Keys.Order());
        foreach (var (name, definition) in services) Assert.True(definition.Contains("healthcheck:", StringComparison.Ordinal), $"{name} has no healthcheck");
        foreach (var app in new[] { "app1", "app2" })
        {
            Assert.Contains("/health/ready", services[app], StringComparison.Ordinal);
            Assert.Contains("ConnectionStrings__Map: Host=primary;", services[app], StringComparison.Ordinal);
            Assert.Contains("ConnectionStrings__MapRead: Host=standby;", services[app], StringComparison.Ordinal);
        }
        Assert.Contains("pg_basebackup", await File.ReadAllTextAsync(Path.Combine(MapApplication.RepositoryRoot, "docker", "standby-entrypoint.sh")));
        Assert.Contains("pg_is_in_recovery()", services["standby"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDatabaseAndTheAppsUseThePasswordTheOperatorChose()
    {
        var (_, config, _) = await ComposeAsync("config", Passwords.ToDictionary(p => p.Key, p => p.Key == "MAP_DB_PASSWORD" ? "s3cret-from-env" : p.Value));
        Assert.Contains("POSTGRES_PASSWORD: s3cret-from-env", config, StringComparison.Ordinal);
        Assert.Contains("Password=s3cret-from-env;", config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MAP_DB_PASSWORD")]
    [InlineData("MAP_REPLICATION_PASSWORD")]
    public async Task WithoutAPasswordTheComposeFileIsRefusedNamingIt(string variable)
    {
        var (exitCode, _, errors) = await ComposeAsync("config --quiet", Passwords.Where(p => p.Key != variable).ToDictionary());

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"set {variable}", errors, StringComparison.Ordinal);
    }

    /// <summary>The services of a normalised compose file, each with the text of its definition.</summary>
    private static Dictionary<string, string> Services(string config)
    {
        var block = ServicesBlock().Match(config);
        Assert.True(block.Success, config);
        return ServiceName().Matches(block.Groups[1].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> ComposeAsync(string arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("docker-compose", "-f docker-compose.yml " + arguments)
        {
            WorkingDirectory = MapApplication.RepositoryRoot,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var name in Passwords.Keys) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, errors);
    }

    [GeneratedRegex(@"^services:\n((?:  .*\n)+)", RegexOptions.Multiline)]
    private static partial Regex ServicesBlock();

    [GeneratedRegex(@"^  (\S+):\n((?:    .*\n)+)", RegexOptions.Multiline)]
    private static partial Regex ServiceName();
}
