using Scaffolder.Merging;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// A keyed merge on a re-apply: a line still exactly as Scaffolder wrote it takes what Scaffolder renders now; a line
/// the user changed, and every line of theirs, stays byte for byte.
/// </summary>
public class KeyedMergeTests
{
    private static string? VariableOf(string line) => line.Contains('=') ? line[..line.IndexOf('=')] : null;

    private static string Merge(string existing, string rendered, string ours) =>
        KeyedMerge.Merge(existing, rendered, VariableOf, ours);

    [Fact]
    public void A_line_still_as_written_takes_the_newer_rendering()
    {
        Merge("WEB_CONCURRENCY=2\nMINE=1\n", rendered: "WEB_CONCURRENCY=3\n", ours: "WEB_CONCURRENCY=2\n")
            .ShouldBe("WEB_CONCURRENCY=3\nMINE=1\n");
    }

    [Fact]
    public void A_line_the_user_changed_is_kept()
    {
        Merge("WEB_CONCURRENCY=4\n", rendered: "WEB_CONCURRENCY=3\n", ours: "WEB_CONCURRENCY=2\n")
            .ShouldBe("WEB_CONCURRENCY=4\n");
    }

    [Fact]
    public void A_line_no_longer_rendered_is_kept()
    {
        Merge("OLD=1\n", rendered: "NEW=2\n", ours: "OLD=1\n").ShouldBe("OLD=1\n\nNEW=2\n");
    }

    [Fact]
    public void An_update_keeps_the_files_line_endings_and_its_missing_final_newline()
    {
        Merge("WEB_CONCURRENCY=2\r\nMINE=1", rendered: "WEB_CONCURRENCY=3\n", ours: "WEB_CONCURRENCY=2\n")
            .ShouldBe("WEB_CONCURRENCY=3\r\nMINE=1");
    }

    [Fact]
    public void A_file_with_nothing_to_update_is_left_byte_for_byte()
    {
        // Mixed line endings: re-joining the lines would change them.
        const string existing = "WEB_CONCURRENCY=2\r\nMINE=1\n";

        Merge(existing, rendered: "WEB_CONCURRENCY=2\n", ours: "WEB_CONCURRENCY=2\n").ShouldBe(existing);
    }

    [Fact]
    public void Without_what_was_written_every_existing_line_is_kept()
    {
        KeyedMerge.Merge("WEB_CONCURRENCY=2\n", "WEB_CONCURRENCY=3\n", VariableOf).ShouldBe("WEB_CONCURRENCY=2\n");
    }
}
