using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>The mutation run's list of test classes per part names real parts and real test classes, so it cannot drift.</summary>
public class MutationPartsTests
{
    private static IEnumerable<string[]> Lines() =>
        File.ReadLines(Path.Combine(RepositoryRoot.Path, "tests", "mutation", "tests-per-part.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Each_part_is_a_folder_of_the_core_or_its_root()
    {
        var folders = Directory.EnumerateDirectories(Path.Combine(RepositoryRoot.Path, "src", "Scaffolder.Core"))
            .Select(Path.GetFileName).Append("Root");

        Lines().Select(words => words[0]).ShouldBeSubsetOf(folders);
    }

    [Fact]
    public void Each_test_class_named_exists()
    {
        var classes = typeof(MutationPartsTests).Assembly.GetTypes().Select(type => type.Name);

        Lines().SelectMany(words => words.Skip(1)).Distinct().ShouldBeSubsetOf(classes);
    }
}
