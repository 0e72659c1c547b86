using Scaffolder.Catalog;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>The templates built into the tool are the repository's templates/, byte for byte, and read as a folder reads.</summary>
public class TemplateSourceTests
{
    private static readonly string TemplatesFolder = Path.Combine(RepositoryRoot.Path, "templates");

    public static TheoryData<string> TemplateFiles() =>
        [.. Directory.EnumerateFiles(TemplatesFolder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(TemplatesFolder, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public void A_built_in_template_reads_as_the_file_in_templates(string relativePath)
    {
        TemplateSource.Embedded.Exists(relativePath).ShouldBeTrue();
        TemplateSource.Embedded.Read(relativePath).ShouldBe(File.ReadAllText(Path.Combine(TemplatesFolder, relativePath)));
    }

    [Fact]
    public void The_built_in_host_folders_are_the_folders_of_templates_hosts()
    {
        TemplateSource.Embedded.Folders("hosts").ShouldBe(TemplateSource.FromFolder(TemplatesFolder).Folders("hosts"));
        TemplateSource.Embedded.Folders("hosts").ShouldContain("heroku");
    }

    [Fact]
    public void A_template_that_is_not_built_in_is_reported_by_name()
    {
        TemplateSource.Embedded.Exists("hosts/nowhere/host.toml").ShouldBeFalse();

        Should.Throw<FileNotFoundException>(() => TemplateSource.Embedded.Read("hosts/nowhere/host.toml"))
            .Message.ShouldContain("hosts/nowhere/host.toml");
    }

    [Fact]
    public void A_template_missing_from_a_folder_is_reported_by_name_and_folder()
    {
        using var folder = TempProject.Empty();
        var source = TemplateSource.FromFolder(folder.Root);

        source.Exists("Procfile.sbn").ShouldBeFalse();
        Should.Throw<FileNotFoundException>(() => source.Read("Procfile.sbn"))
            .Message.ShouldBe($"no template 'Procfile.sbn' in {folder.Root}");
    }

    [Fact]
    public void A_template_is_described_where_its_author_finds_it()
    {
        using var folder = TempProject.Empty();

        TemplateSource.Embedded.Describe("hosts/fly/host.toml").ShouldBe("templates/hosts/fly/host.toml");
        TemplateSource.FromFolder(folder.Root).Describe("hosts/fly/host.toml").ShouldBe(Path.Combine(folder.Root, "hosts/fly/host.toml"));
    }

    [Fact]
    public void A_folder_without_hosts_has_no_host_folders()
    {
        using var folder = TempProject.Empty();

        TemplateSource.FromFolder(folder.Root).Folders("hosts").ShouldBeEmpty();
    }
}
