using CsCheck;
using Scaffolder.Cli;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>Whatever a user adds to the generated files, a later apply, even with newer templates, never loses a line of it.</summary>
public sealed class UserLinesPropertyTests : IDisposable
{
    private static readonly string[] Heroku = ["--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes"];
    private static readonly string[] EditedFiles =
        ["Dockerfile", "Procfile", "mysite/settings_production.py", ".env.example", "requirements.txt", ".gitignore", ".dockerignore", "app.json"];

    /// <summary>What the newer templates change, by the file it lands in: each must land, or wait beside it in FILE.scaffolder-new.</summary>
    private static readonly Dictionary<string, string> Upgrades = new()
    {
        ["Dockerfile"] = "HEALTHCHECK NONE",
        ["Procfile"] = "web: exec ",
        ["mysite/settings_production.py"] = "# Core settings",
        [".gitignore"] = ".ruff_cache/",
    };

    private readonly TempProject _templates;
    private readonly Catalog.TemplateSource _upgraded;

    public UserLinesPropertyTests()
    {
        (_templates, _upgraded) = TempProject.CopyOfTemplates();
        // A newer Scaffolder: changes near the top, in the middle and at the end of several files.
        _templates.Replace("Dockerfile.sbn", "EXPOSE 8000", "EXPOSE 8000\nHEALTHCHECK NONE");
        _templates.Replace("Dockerfile.sbn", "# syntax=docker/dockerfile:1", "# syntax=docker/dockerfile:1.7");
        _templates.Replace("Procfile.sbn", "web: ", "web: exec ");
        _templates.Replace("settings_production.py.sbn", "# Core", "# Core settings");
        _templates.Replace("gitignore.sbn", ".venv/", ".venv/\n.ruff_cache/");
        _templates.Replace("catalog.toml", "whitenoise==6.12.0", "whitenoise==6.13.0");
    }

    [Fact]
    public void Random_user_edits_survive_a_reapply_with_newer_templates()
    {
        var edit = Gen.Select(Gen.Int[0, EditedFiles.Length - 1], Gen.Double[0, 1], Gen.Int[0, 999_999]);

        edit.Array[1, 6].Sample(edits =>
        {
            using var project = TempProject.From("django52").WithGit();
            CliRun.Of(["apply", project.Root, .. Heroku]).ExitCode.ShouldBe(ExitCode.Done);
            var added = edits.Select(e => Insert(project, EditedFiles[e.Item1], e.Item2, e.Item3)).ToList();

            var run = CliRun.Of(_upgraded, "apply", project.Root);

            run.ExitCode.ShouldBeOneOf(ExitCode.Done, ExitCode.Unsettled);
            foreach (var (file, line) in added)
                project.Read(file).Split('\n').ShouldContain(line, $"{file} lost '{line}'\n{run.Output}");
            foreach (var (file, upgrade) in Upgrades)
            {
                var side = file + ".scaffolder-new";
                var landed = project.Read(file).Contains(upgrade, StringComparison.Ordinal)
                    || (run.ExitCode == ExitCode.Unsettled && project.Exists(side) && project.Read(side).Contains(upgrade, StringComparison.Ordinal));
                landed.ShouldBeTrue($"the upgrade '{upgrade}' reached neither {file} nor {side}\n{run.Output}");
            }
            if (run.ExitCode == ExitCode.Unsettled)
                run.Error.ShouldContain(".scaffolder-new into ");
        }, iter: 25);
    }

    // A line the user adds somewhere in a file, in a form that file takes.
    private static (string File, string Line) Insert(TempProject project, string file, double where, int id)
    {
        var line = file switch
        {
            "requirements.txt" => $"userpackage{id}==1.0",
            ".gitignore" or ".dockerignore" => $"user-pattern-{id}/",
            "app.json" => $"  \"user-note-{id}\": 1,",
            _ => $"# user note {id}",
        };
        var lines = project.Read(file).Split('\n').ToList();
        lines.Insert((int)(where * (lines.Count - 1)), line);
        project.Write(file, string.Join('\n', lines));
        return (file, line);
    }

    public void Dispose() => _templates.Dispose();
}
