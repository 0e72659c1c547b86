using System.Globalization;

namespace Scaffolder.EndToEnd;

/// <summary>A TCP socket listening on a port, and the processes that hold it.</summary>
public sealed record Listener(int Port, IReadOnlyList<int> Pids);

/// <summary>The TCP listeners of this machine's network namespace, as Linux shows them under <c>/proc/net</c>.</summary>
public static class Listeners
{
    private const string Listening = "0A";

    public static IReadOnlyList<Listener> On(IReadOnlyCollection<int> ports)
    {
        // Lines: "sl local_address rem_address st ... inode": local_address is HEXADDRESS:HEXPORT.
        var sockets = new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .Where(File.Exists)
            .SelectMany(table => File.ReadLines(table).Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields[3] == Listening)
            .Select(fields => (Port: int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber), Inode: fields[9]))
            .Where(socket => ports.Contains(socket.Port))
            .ToList();
        if (sockets.Count == 0)
            return [];

        var holders = SocketHolders();
        return [.. sockets.Select(socket => new Listener(socket.Port, holders.GetValueOrDefault(socket.Inode) ?? []))];
    }

    // socket inode -> the PIDs with a descriptor on it
    private static Dictionary<string, List<int>> SocketHolders()
    {
        var holders = new Dictionary<string, List<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
                continue;
            try
            {
                foreach (var descriptor in Directory.EnumerateFileSystemEntries($"{folder}/fd"))
                {
                    var target = new FileInfo(descriptor).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                    {
                        var inode = target["socket:[".Length..^1];
                        if (!holders.TryGetValue(inode, out var pids))
                            holders[inode] = pids = [];
                        if (!pids.Contains(pid))
                            pids.Add(pid);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }
        return holders;
    }
}
