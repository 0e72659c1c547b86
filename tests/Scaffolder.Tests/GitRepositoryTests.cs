using Scaffolder.Ownership;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>Which git repository a project sits in: the nearest folder up with a .git folder, or a worktree's .git file.</summary>
public class GitRepositoryTests
{
    [Fact]
    public void A_folder_below_a_git_folder_belongs_to_that_repository()
    {
        using var repository = TempProject.Empty();
        repository.Write(".git/HEAD", "ref: refs/heads/main\n");
        repository.Write("backend/mysite/settings.py", "\n");

        GitRepository.RootOf(repository.PathOf("backend/mysite"))!.FullName.ShouldBe(repository.Root);
    }

    [Fact]
    public void A_worktrees_git_file_marks_its_root()
    {
        using var worktree = TempProject.Empty();
        worktree.Write(".git", "gitdir: /elsewhere/.git/worktrees/feature\n");
        worktree.Write("backend/manage.py", "\n");

        GitRepository.RootOf(worktree.PathOf("backend"))!.FullName.ShouldBe(worktree.Root);
    }

    [Fact]
    public void A_folder_in_no_repository_has_no_root()
    {
        using var project = TempProject.Empty();
        project.Write("backend/manage.py", "\n");

        GitRepository.RootOf(project.PathOf("backend")).ShouldBeNull();
    }
}
