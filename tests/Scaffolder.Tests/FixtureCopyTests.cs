using Scaffolder.Testing;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>A dependency manager's fixture holds only its own files and lies on the Django 5.2 startproject tree.</summary>
public sealed class FixtureCopyTests
{
    [Fact]
    public void A_layered_fixture_is_its_base_with_its_own_files_over_it()
    {
        using var layered = TempProject.From("uv");
        using var startproject = TempProject.From("django52");

        var files = layered.Contents();
        files.ShouldContainKey("pyproject.toml");
        files.ShouldContainKey("uv.lock");
        foreach (var (path, text) in startproject.Contents())
            files.ShouldContainKeyAndValue(path, text);
        files.ShouldNotContainKey(FixtureCopy.BaseMarker);
    }

    [Fact]
    public void A_missing_fixture_is_named()
    {
        var error = Should.Throw<DirectoryNotFoundException>(() => TempProject.From("no-such-fixture"));

        error.Message.ShouldContain("no-such-fixture");
    }
}
