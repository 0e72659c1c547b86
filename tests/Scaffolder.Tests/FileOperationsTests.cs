using Scaffolder.Planning;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>The real file operations a plan is written with: what they write, and how a failed flush is reported.</summary>
public sealed class FileOperationsTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempProject _project = TempProject.Empty();
    private readonly FileOperations _files = new();

    [Fact]
    public void A_new_file_holds_the_whole_text_once_flushed()
    {
        var text = string.Concat(Enumerable.Range(0, 5000).Select(line => $"LINE_{line}=é\n"));

        _files.WriteNew(_project.PathOf("sub/.env.new"), text, OwnerOnly, exactly: true);
        _files.FlushToDisk([_project.PathOf("sub/.env.new")]);

        _project.Read("sub/.env.new").ShouldBe(text);
    }

    [Fact]
    public void Every_file_of_a_flush_is_flushed_when_there_are_several()
    {
        var paths = Enumerable.Range(0, 20).Select(index => _project.PathOf($"file{index}.txt")).ToList();
        foreach (var path in paths)
            _files.WriteNew(path, Path.GetFileName(path), OwnerOnly, exactly: false);

        _files.FlushToDisk(paths);

        paths.ShouldAllBe(path => File.ReadAllText(path) == Path.GetFileName(path));
    }

    [Fact]
    public void A_file_that_cannot_be_flushed_is_an_io_error_naming_it()
    {
        _files.WriteNew(_project.PathOf("written.txt"), "x", OwnerOnly, exactly: false);
        var missing = _project.PathOf("missing.txt");

        var error = Should.Throw<IOException>(() => _files.FlushToDisk([_project.PathOf("written.txt"), missing]));

        error.Message.ShouldContain(missing);
    }

    public void Dispose() => _project.Dispose();
}
