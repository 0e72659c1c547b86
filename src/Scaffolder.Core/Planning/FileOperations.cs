using Mono.Unix;
using Mono.Unix.Native;

namespace Scaffolder.Planning;

/// <summary>The file-system operations a plan is written with; tests put a failing one in to prove nothing is half-written.</summary>
public interface IFileOperations
{
    /// <summary>Creates the file; its content reaches the disk with <see cref="FlushToDisk"/>.</summary>
    /// <param name="mode">The mode it is to have; unless <paramref name="exactly"/>, the process's umask narrows it, as for any new file.</param>
    void WriteNew(string path, string content, UnixFileMode mode, bool exactly);

    /// <summary>Flushes the files' contents to disk; their writes began when <see cref="WriteNew"/> wrote them, so the
    /// file system commits them together rather than one after the other. Throws if any cannot be flushed.</summary>
    void FlushToDisk(IReadOnlyList<string> paths);

    /// <summary>Renames, replacing <paramref name="to"/> if it exists: atomic, so a reader sees the old file or the new one.</summary>
    void Replace(string from, string to);

    void Copy(string from, string to);

    void Delete(string path);

    bool Exists(string path);

    UnixFileMode ModeOf(string path);

    /// <summary>Why the existing file may not be replaced by this process without changing whose it is; null when it may.</summary>
    string? ReplaceProblem(string path);

    /// <summary>Gives <paramref name="path"/> the owner and group of <paramref name="like"/> where they differ (possible as root).</summary>
    void TakeOwnerOf(string like, string path);

    /// <summary>Flushes the folder's entries (the renames in it) to disk.</summary>
    void SyncFolder(string folder);
}

public sealed class FileOperations : IFileOperations
{
    public void WriteNew(string path, string content, UnixFileMode mode, bool exactly)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = mode;
        using (var stream = new FileStream(path, options))
        {
            using (var writer = new StreamWriter(stream, leaveOpen: true))
                writer.Write(content);
            Writeback.Start(stream.SafeFileHandle);
        }
        if (exactly && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, mode);
    }

    public void FlushToDisk(IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
            Flush(path);
    }

    private static void Flush(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
            stream.Flush(flushToDisk: true);
            return;
        }
        if (Fsync(path) is { } problem)
            throw new IOException($"cannot flush {path} to disk ({problem})");
    }

    public void Replace(string from, string to) => File.Move(from, to, overwrite: true);

    public void Copy(string from, string to) => File.Copy(from, to, overwrite: false);

    public void Delete(string path) => File.Delete(path);

    public bool Exists(string path) => File.Exists(path);

    public UnixFileMode ModeOf(string path) => OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(path);

    public string? ReplaceProblem(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
            return null;
        var file = new UnixFileInfo(path);
        if (!file.FileAccessPermissions.HasFlag(FileAccessPermissions.UserWrite))
            return $"{path} is read-only; make it writable (chmod u+w) if Scaffolder may update it, and run again";
        var me = Syscall.geteuid();
        return me != 0 && file.OwnerUserId != me
            ? $"{path} belongs to another user (uid {file.OwnerUserId}), and replacing it would make it yours; run as its owner, or chown it, and run again"
            : null;
    }

    public void TakeOwnerOf(string like, string path)
    {
        if (OperatingSystem.IsWindows())
            return;
        var original = new UnixFileInfo(like);
        var created = new UnixFileInfo(path);
        if (original.OwnerUserId == created.OwnerUserId && original.OwnerGroupId == created.OwnerGroupId)
            return;
        if (Syscall.chown(path, (int)original.OwnerUserId, (int)original.OwnerGroupId) != 0)
            throw new IOException($"cannot give {path} the owner of {like} ({Stdlib.GetLastError()})");
    }

    public void SyncFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
            return;
        // Best effort: the renames themselves are done.
        Fsync(folder);
    }

    /// <summary>Opens the file or folder and flushes it to disk; what stopped it, or null when it is flushed.</summary>
    private static Errno? Fsync(string path)
    {
        var descriptor = Syscall.open(path, OpenFlags.O_RDONLY);
        if (descriptor < 0)
            return Stdlib.GetLastError();
        try
        {
            return Syscall.fsync(descriptor) == 0 ? null : Stdlib.GetLastError();
        }
        finally
        {
            Syscall.close(descriptor);
        }
    }
}
