using Scaffolder.Merging;
using Scaffolder.Rendering;
using Shouldly;

namespace Scaffolder.Tests;

public class RequirementsMergeTests
{
    private const string Ours = "Django~=5.2.17\ndjango-environ==0.14.0\ngunicorn==27.0.1\npsycopg[binary]==3.3.9\nwhitenoise==6.12.0\n";

    private static string Merge(string existing) => FileMergers.Merge(MergeStrategy.Requirements, existing, Ours);

    [Fact]
    public void Missing_packages_are_appended_after_the_users_lines()
    {
        Merge("requests==2.32.3\n").ShouldBe(
            "requests==2.32.3\n\nDjango~=5.2.17\ndjango-environ==0.14.0\ngunicorn==27.0.1\npsycopg[binary]==3.3.9\nwhitenoise==6.12.0\n");
    }

    [Fact]
    public void Users_pins_order_and_comments_are_kept_and_their_packages_not_repeated()
    {
        var existing = "# Web app\ndjango==5.2.1\nPsycopg[binary]>=3.2  # the driver\n\nrequests==2.32.3\n";

        Merge(existing).ShouldBe(existing + "\ndjango-environ==0.14.0\ngunicorn==27.0.1\nwhitenoise==6.12.0\n");
    }

    [Theory]
    [InlineData("django_environ")]
    [InlineData("Django.Environ>=0.11")]
    [InlineData("DJANGO-ENVIRON ; python_version >= '3.10'")]
    [InlineData("django-environ @ https://example.com/django_environ-0.14.0-py3-none-any.whl")]
    public void A_package_listed_in_any_pep_503_spelling_is_not_added_again(string line)
    {
        Merge(line + "\n").ShouldNotContain("django-environ==0.14.0");
    }

    [Fact]
    public void Includes_editables_hashes_and_markers_stay_intact()
    {
        var existing = string.Join('\n',
            "-r base.txt",
            "-c constraints.txt",
            "-e git+https://github.com/example/widgets.git#egg=widgets",
            "--index-url https://pypi.example.com/simple",
            "gunicorn==23.0.0 \\",
            "    --hash=sha256:0123456789abcdef",
            "pywin32==306; sys_platform == 'win32'",
            "");

        var merged = Merge(existing);

        merged.ShouldStartWith(existing);
        merged.ShouldNotContain("gunicorn==27.0.1");
        merged[existing.Length..].ShouldBe("\nDjango~=5.2.17\ndjango-environ==0.14.0\npsycopg[binary]==3.3.9\nwhitenoise==6.12.0\n");
    }

    [Fact]
    public void Crlf_line_ends_are_kept_for_the_added_lines()
    {
        Merge("requests==2.32.3\r\n").ShouldBe(
            "requests==2.32.3\r\n\r\nDjango~=5.2.17\r\ndjango-environ==0.14.0\r\ngunicorn==27.0.1\r\npsycopg[binary]==3.3.9\r\nwhitenoise==6.12.0\r\n");
    }

    [Fact]
    public void A_last_line_without_newline_is_ended_before_the_additions()
    {
        Merge("requests==2.32.3").ShouldStartWith("requests==2.32.3\n\nDjango~=5.2.17\n");
    }

    [Fact]
    public void A_file_that_has_everything_is_returned_unchanged()
    {
        var existing = "django==5.2.1\ndjango-environ\ngunicorn\npsycopg\nwhitenoise==6.0  # static\n";

        Merge(existing).ShouldBe(existing);
    }

    [Fact]
    public void An_empty_file_becomes_our_list()
    {
        Merge("").ShouldBe(Ours);
    }

    [Theory]
    [InlineData("Psycopg[binary]>=3.2", "psycopg")]
    [InlineData("zope.interface==6.0", "zope-interface")]
    [InlineData("  Django_Storages[s3] ~= 1.14", "django-storages")]
    [InlineData("# django==5.2", null)]
    [InlineData("--hash=sha256:abc", null)]
    [InlineData("-e ./vendor/thing#egg=My_Thing", "my-thing")]
    [InlineData("--editable ./vendor/thing#egg=My_Thing", "my-thing")]
    [InlineData("--editable=git+https://example.com/thing.git#egg=thing", "thing")]
    [InlineData("--extra-index-url https://example.com/simple#egg=thing", null)]
    [InlineData("# -e ./vendor/thing#egg=thing", null)]
    [InlineData("git+https://example.com/repo.git", null)]
    public void Requirement_names_are_pep_503_normalized(string line, string? name)
    {
        FileMergers.RequirementName(line).ShouldBe(name);
    }
}
