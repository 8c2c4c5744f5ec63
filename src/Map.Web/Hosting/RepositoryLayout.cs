namespace Map.Web.Hosting;

/// <summary>Finds wwwroot/ and geodata/ at the repository root, wherever the host was started from.</summary>
public static class RepositoryLayout
{
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "wwwroot")) && Directory.Exists(Path.Combine(dir.FullName, "geodata")))
                return dir.FullName;
        return null;
    }

    public static string Resolve(string configured, string folder, string start)
    {
        if (!string.IsNullOrEmpty(configured)) return Path.GetFullPath(configured);
        var root = FindRoot(start) ?? FindRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException(
                $"Cannot find the repository's {folder}/ folder; set Map:{(folder == "wwwroot" ? "WebRootPath" : "GeodataPath")}.");
        return Path.Combine(root, folder);
    }
}
