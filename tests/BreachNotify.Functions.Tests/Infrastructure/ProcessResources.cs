using System.Globalization;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>What this test process holds open, read from /proc: file watchers (inotify instances) and listening sockets.</summary>
public static class ProcessResources
{
    public static int InotifyInstances() =>
        OpenFileTargets().Count(target => target == "anon_inode:inotify");

    public static int ListeningTcpSockets()
    {
        var ours = OpenFileTargets()
            .Where(target => target.StartsWith("socket:[", StringComparison.Ordinal))
            .Select(target => target["socket:[".Length..^1])
            .ToHashSet(StringComparer.Ordinal);
        var listening = 0;
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            // Columns: sl local_address rem_address st ... inode (10th); state 0A is LISTEN.
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && columns[3] == "0A" && ours.Contains(columns[9]))
                {
                    listening++;
                }
            }
        }

        return listening;
    }

    private static IEnumerable<string> OpenFileTargets()
    {
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed between listing and reading
            }

            if (target is not null)
            {
                yield return target;
            }
        }
    }

    public static string Describe() => string.Create(CultureInfo.InvariantCulture, $"{InotifyInstances()} inotify, {ListeningTcpSockets()} listening");
}
