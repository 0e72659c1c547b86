using Scaffolder.Ownership;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>The git commands ownership runs, against a real git: bases kept and read back, three versions merged.</summary>
public class GitCliTests
{
    [Fact]
    public void A_base_kept_in_a_repository_reads_back_by_its_git_hash()
    {
        using var repository = TempProject.Empty().WithGit();
        var git = new GitCli();

        git.KeepBases(repository.Root, ["web: gunicorn mysite.wsgi\n", "release: python manage.py migrate\n"]);

        git.ReadBase(repository.Root, GitBlob.Hash("web: gunicorn mysite.wsgi\n")).ShouldBe("web: gunicorn mysite.wsgi\n");
        git.ReadBase(repository.Root, GitBlob.Hash("release: python manage.py migrate\n")).ShouldBe("release: python manage.py migrate\n");
    }

    [Theory]
    [InlineData("")]
    [InlineData("web: gunicorn mysite.wsgi\n")]
    [InlineData("DJANGO_SECRET_KEY=é€ and a line longer than one block of SHA-1, which is sixty-four bytes long, so two blocks\n")]
    public void A_blob_hash_is_the_one_git_hash_object_gives(string content)
    {
        using var project = TempProject.Empty();
        File.WriteAllText(project.PathOf("file"), content);

        var git = ProcessRunner.Run("git", ["hash-object", project.PathOf("file")]);

        GitBlob.Hash(content).ShouldBe(git.Output.Trim());
    }

    [Fact]
    public void A_base_never_kept_reads_as_none()
    {
        using var repository = TempProject.Empty().WithGit();

        new GitCli().ReadBase(repository.Root, GitBlob.Hash("never kept\n")).ShouldBeNull();
    }

    [Fact]
    public void Outside_a_repository_nothing_is_kept_and_no_base_is_read()
    {
        using var project = TempProject.Empty();
        var git = new GitCli();

        git.KeepBases(project.Root, ["web: gunicorn mysite.wsgi\n"]);

        git.ReadBase(project.Root, GitBlob.Hash("web: gunicorn mysite.wsgi\n")).ShouldBeNull();
        Directory.Exists(project.PathOf(".git")).ShouldBeFalse();
    }

    [Fact]
    public void Edits_on_different_lines_merge_without_conflict()
    {
        using var project = TempProject.Empty();

        var merged = new GitCli().Merge(project.Root, "Procfile", "a\nb\nc\nd\n", "a user\nb\nc\nd\n", "a\nb\nc\nd ours\n")!;

        merged.ShouldBe(new MergeResult("a user\nb\nc\nd ours\n", 0));
    }

    [Fact]
    public void Edits_of_one_line_conflict_with_each_side_named()
    {
        using var project = TempProject.Empty();

        var merged = new GitCli().Merge(project.Root, "Procfile", "web: a\n", "web: yours\n", "web: ours\n")!;

        merged.Conflicts.ShouldBe(1);
        merged.Text.ShouldBe("<<<<<<< Procfile (yours)\nweb: yours\n=======\nweb: ours\n>>>>>>> Procfile (as Scaffolder writes it now)\n");
    }
}
