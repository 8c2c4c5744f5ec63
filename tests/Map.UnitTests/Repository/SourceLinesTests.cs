using Map.Web.Hosting;

namespace Map.UnitTests.Repository;

/// <summary>
/// Keeps every line of our own source within the 160 characters of .editorconfig: the C# under src/, tests/ and
/// bench/ (not the generated migrations, not obj/ or bin/) and the front end's modules under wwwroot/js/.
/// </summary>
public sealed class SourceLinesTests
{
    private const int MaxLength = 160;

    private static readonly string[] CSharpFolders = ["src", "tests", "bench"];

    private static readonly string Root = RepositoryLayout.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("no repository root");

    [Fact]
    public void NoSourceLineIsLongerThan160Characters()
    {
        var files = SourceFiles().ToList();
        Assert.Contains(files, f => f.EndsWith(".cs", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".js", StringComparison.Ordinal));

        // Characters, not bytes: an Arabic letter is one character, as an editor counts it.
        var offenders = files
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (File: file, Number: index + 1, Length: line.EnumerateRunes().Count())))
            .Where(line => line.Length > MaxLength)
            .Select(line => $"{Path.GetRelativePath(Root, line.File)}:{line.Number} ({line.Length})")
            .ToList();

        Assert.True(offenders.Count == 0,
            $"{offenders.Count} lines are longer than {MaxLength} characters:{Environment.NewLine}{string.Join(Environment.NewLine, offenders)}");
    }

    private static IEnumerable<string> SourceFiles() =>
        CSharpFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "wwwroot", "js"), "*.js", SearchOption.AllDirectories))
            .Where(file => !IsExcluded(Path.GetRelativePath(Root, file)));

    private static bool IsExcluded(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules")
        || relativePath.StartsWith(Path.Combine("src", "Map.Data", "Migrations") + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
