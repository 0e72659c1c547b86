using Scaffolder.Planning;

namespace Scaffolder.Tests.Support;

/// <summary>How a scripted file operation stops the writer.</summary>
public enum Stop
{
    /// <summary>An I/O error (disk full): the writer sees it and undoes what it did.</summary>
    Fail,

    /// <summary>The process dies (kill -9): nothing after it runs, no undo, no clean-up.</summary>
    Die,
}

/// <summary>Thrown where the process would have died; no code of the writer catches it.</summary>
public sealed class ProcessDied() : Exception("killed (simulated)");

/// <summary>
/// The real file operations, counted (all of them, or only those named <paramref name="only"/>, e.g. "Copy"); the one
/// numbered <paramref name="stopAt"/> stops the writer as <see cref="Stop"/> says.
/// </summary>
public sealed class ScriptedFileOperations(int stopAt, Stop how, string? only = null) : IFileOperations
{
    private readonly FileOperations _real = new();

    public int Operations { get; private set; }

    public void WriteNew(string path, string content, UnixFileMode mode, bool exactly)
    {
        Count();
        _real.WriteNew(path, content, mode, exactly);
    }

    public void FlushToDisk(IReadOnlyList<string> paths)
    {
        Count();
        _real.FlushToDisk(paths);
    }

    public void Replace(string from, string to)
    {
        Count();
        _real.Replace(from, to);
    }

    public void Copy(string from, string to)
    {
        Count();
        _real.Copy(from, to);
    }

    public void Delete(string path)
    {
        // A failed clean-up is harmless by design: only a death stops it, or a failure a test asks for by name.
        if (how == Stop.Die || only == nameof(Delete))
            Count();
        _real.Delete(path);
    }

    public bool Exists(string path) => _real.Exists(path);

    public UnixFileMode ModeOf(string path) => _real.ModeOf(path);

    public string? ReplaceProblem(string path) => _real.ReplaceProblem(path);

    public void TakeOwnerOf(string like, string path)
    {
        Count();
        _real.TakeOwnerOf(like, path);
    }

    public void SyncFolder(string folder)
    {
        // Flushing is best effort after the renames; only a death can stop it.
        if (how == Stop.Die)
            Count();
        _real.SyncFolder(folder);
    }

    private void Count([System.Runtime.CompilerServices.CallerMemberName] string operation = "")
    {
        if (only is not null && operation != only)
            return;
        if (++Operations != stopAt)
            return;
        if (how == Stop.Fail)
            throw new IOException("No space left on device (simulated)");
        throw new ProcessDied();
    }
}
