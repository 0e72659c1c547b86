namespace Scaffolder.Planning;

/// <summary>The file-system operations a plan is written with; tests put a failing one in to prove nothing is half-written.</summary>
public interface IFileOperations
{
    void WriteNew(string path, string content, UnixFileMode mode);

    /// <summary>Renames, replacing <paramref name="to"/> if it exists: atomic, so a reader sees the old file or the new one.</summary>
    void Replace(string from, string to);

    void Copy(string from, string to);

    void Delete(string path);

    bool Exists(string path);

    UnixFileMode ModeOf(string path);
}

public sealed class FileOperations : IFileOperations
{
    public void WriteNew(string path, string content, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = mode;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(content);
        // The process's umask narrows the mode a file is created with; set the one we mean.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, mode);
    }

    public void Replace(string from, string to) => File.Move(from, to, overwrite: true);

    public void Copy(string from, string to) => File.Copy(from, to, overwrite: false);

    public void Delete(string path) => File.Delete(path);

    public bool Exists(string path) => File.Exists(path);

    public UnixFileMode ModeOf(string path) => OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(path);
}
