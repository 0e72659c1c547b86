namespace Scaffolder.EndToEnd;

/// <summary>
/// A pod's <c>readOnlyRootFilesystem</c>, checked after the fact: the chroot's root is writable, so the suite marks the
/// time before the release and, once the web checks are done, looks for anything the image's user created or changed
/// since, outside the pod's volumes (its <c>emptyDir</c> mounts) and the kernel's own filesystems. A cluster would have
/// refused each such write.
/// </summary>
public sealed class ReadOnlyRoot(Chroot chroot, string marker)
{
    private static readonly string[] NotTheRoot = ["/proc", "/sys", "/dev"];

    public static ReadOnlyRoot Mark(Chroot chroot, string scenario)
    {
        var marker = $"/.scaffolder-e2e-{scenario}.since";
        File.WriteAllText(chroot.HostPath(marker), "");
        return new ReadOnlyRoot(chroot, marker);
    }

    /// <param name="user">The image's user, whom the pod runs as.</param>
    /// <param name="volumes">Where the pod mounts volumes: writes there are the pod's own.</param>
    public void Check(string user, IReadOnlyList<string> volumes)
    {
        var pruned = string.Join(" -o ", NotTheRoot.Concat(volumes).Select(path => $"-path {Shell.Quote(path)}"));
        var found = chroot.Check("/", $"find / -xdev \\( {pruned} \\) -prune -o -user {Shell.Quote(user)} -newer {marker} -print").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (found.Length > 0)
            throw new StepFailed($"the pod's root filesystem is read-only, but {user} wrote outside its volumes ({string.Join(", ", volumes)}): {string.Join(", ", found.Take(10))}");
    }

    public void Remove() => File.Delete(chroot.HostPath(marker));
}
