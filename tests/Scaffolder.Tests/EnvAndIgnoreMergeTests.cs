using Scaffolder.Merging;
using Scaffolder.Rendering;
using Shouldly;

namespace Scaffolder.Tests;

public class EnvAndIgnoreMergeTests
{
    private const string RenderedEnv =
        "# Local configuration\nDJANGO_SECRET_KEY=fresh-secret\nDJANGO_DEBUG=False\n# Where the database is\nDATABASE_URL=postgres://localhost/app\n";

    [Fact]
    public void Existing_env_values_are_never_changed()
    {
        var existing = "DJANGO_SECRET_KEY=users-own-secret\nDATABASE_URL=postgres://db.internal/prod\n";

        var merged = FileMergers.Merge(MergeStrategy.Env, existing, RenderedEnv);

        merged.ShouldBe(existing + "\nDJANGO_DEBUG=False\n");
    }

    [Fact]
    public void Missing_env_keys_are_added_with_their_comments()
    {
        var merged = FileMergers.Merge(MergeStrategy.Env, "DJANGO_SECRET_KEY=kept\nDJANGO_DEBUG=True\n", RenderedEnv);

        merged.ShouldBe("DJANGO_SECRET_KEY=kept\nDJANGO_DEBUG=True\n\n# Where the database is\nDATABASE_URL=postgres://localhost/app\n");
    }

    [Fact]
    public void The_last_line_of_a_file_without_a_final_newline_counts_as_present()
    {
        var merged = FileMergers.Merge(MergeStrategy.Env, "DJANGO_DEBUG=True\nDJANGO_SECRET_KEY=kept", RenderedEnv);

        merged.ShouldBe("DJANGO_DEBUG=True\nDJANGO_SECRET_KEY=kept\n\n# Where the database is\nDATABASE_URL=postgres://localhost/app\n");
    }

    [Fact]
    public void Exported_and_spaced_assignments_count_as_present()
    {
        var existing = "export DJANGO_SECRET_KEY=kept\nDJANGO_DEBUG = True\nDATABASE_URL='sqlite:///x'\n";

        FileMergers.Merge(MergeStrategy.Env, existing, RenderedEnv).ShouldBe(existing);
    }

    [Fact]
    public void Commented_out_keys_are_not_present()
    {
        var merged = FileMergers.Merge(MergeStrategy.Env, "# DJANGO_DEBUG=True\nDJANGO_SECRET_KEY=kept\nDATABASE_URL=x\n", RenderedEnv);

        merged.ShouldEndWith("\nDJANGO_DEBUG=False\n");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# DJANGO_DEBUG=True")]
    [InlineData("not an assignment")]
    public void A_line_that_assigns_nothing_sets_no_env_variable(string line)
    {
        FileMergers.EnvKey(line).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# Collected static files")]
    public void Blank_and_comment_lines_of_an_ignore_file_are_no_patterns(string line)
    {
        FileMergers.IgnorePattern(line).ShouldBeNull();
    }

    [Fact]
    public void Ignore_files_gain_only_the_missing_patterns()
    {
        var rendered = "# Local configuration and secrets\n.env\n# Collected static files\nstaticfiles/\nmedia/\n";

        var merged = FileMergers.Merge(MergeStrategy.Lines, "*.pyc\n/.env\nmedia\n", rendered);

        merged.ShouldBe("*.pyc\n/.env\nmedia\n\n# Collected static files\nstaticfiles/\n");
    }

    [Fact]
    public void Ignore_file_with_every_pattern_is_unchanged()
    {
        const string existing = ".env\nstaticfiles/\n";

        FileMergers.Merge(MergeStrategy.Lines, existing, "# secrets\n.env\nstaticfiles/\n").ShouldBe(existing);
    }
}
