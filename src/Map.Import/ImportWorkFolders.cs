using System.Diagnostics;
using System.Globalization;

namespace Map.Import;

/// <summary>
/// The temporary folders of imports (an upload being received, a job's file, a run's extracted zip), named
/// <c>map-&lt;purpose&gt;-&lt;process id&gt;-&lt;random&gt;</c> so that the folders a stopped process left behind (kill -9, a crash)
/// can be told from those of a process that still runs, and removed when a worker starts.
/// </summary>
public static class ImportWorkFolders
{
    public const string Upload = "upload";
    public const string Job = "job";
    public const string Import = "import";

    private static readonly string[] Purposes = [Upload, Job, Import];

    public static DirectoryInfo Create(string purpose) =>
        Directory.CreateTempSubdirectory($"map-{purpose}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-");

    /// <summary>
    /// Removes the work folders of processes that no longer run, and this process's own from before it started (in a
    /// container the app is always process 1); returns how many. Folders of other running processes are left alone.
    /// </summary>
    public static int RemoveStale()
    {
        var removed = 0;
        var self = Environment.ProcessId;
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        foreach (var purpose in Purposes)
        {
            var prefix = $"map-{purpose}-";
            foreach (var folder in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(prefix + "*"))
            {
                var rest = folder.Name[prefix.Length..];
                var dash = rest.IndexOf('-', StringComparison.Ordinal);
                if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
                var stale = pid == self ? folder.CreationTimeUtc < started : !Runs(pid);
                if (!stale) continue;
                try
                {
                    folder.Delete(recursive: true);
                    removed++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another user's folder, or one being removed meanwhile: not ours to force.
                }
            }
        }
        return removed;
    }

    private static bool Runs(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
