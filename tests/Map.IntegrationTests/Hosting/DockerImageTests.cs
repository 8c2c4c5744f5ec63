using System.Text.RegularExpressions;
using Map.Testing;

namespace Map.IntegrationTests.Hosting;

/// <summary>
/// The image's build rules, read as text (there is no Docker engine here): the app runs as an unprivileged user and
/// the build context leaves out the history, the local cluster and build output.
/// </summary>
public sealed partial class DockerImageTests
{
    private static readonly string Root = MapApplication.RepositoryRoot;
    private static readonly string[] RootUsers = ["root", "0", "0:0"];

    [Fact]
    public void TheImageRunsTheAppAsAnUnprivilegedUser()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Root, "src/Map.Web/Dockerfile"));
        var finalStage = dockerfile.Reverse().TakeWhile(line => !line.StartsWith("FROM ", StringComparison.Ordinal)).Reverse().ToList();
        var users = finalStage.Select(line => UserInstruction().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(users);
        Assert.DoesNotContain(users[^1], RootUsers);
        var entrypoint = finalStage.FindIndex(line => line.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        Assert.True(finalStage.FindLastIndex(line => UserInstruction().IsMatch(line)) < entrypoint, "USER comes before the ENTRYPOINT");
    }

    [Theory]
    [InlineData(".git")]
    [InlineData(".local")]
    [InlineData("**/bin")]
    [InlineData("**/obj")]
    [InlineData("**/node_modules")]
    [InlineData(".env")]
    public void TheBuildContextLeavesOut(string pattern)
    {
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Select(line => line.Trim());
        Assert.Contains(pattern, ignored);
    }

    [GeneratedRegex(@"^USER\s+(\S+)")]
    private static partial Regex UserInstruction();
}
