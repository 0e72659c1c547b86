using Scaffolder.Cli;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

public class AnswersFileTests
{
    private static CliRun ApplyWith(TempProject project, string answersFile, string content, params string[] flags)
    {
        project.Write(answersFile, content);
        return CliRun.Of(["apply", project.Root, "--answers", project.PathOf(answersFile), .. flags]);
    }

    [Fact]
    public void A_yaml_answers_file_supplies_the_answers()
    {
        using var project = TempProject.From("django52");

        var run = ApplyWith(project, "answers.yaml", "host: render\ndatabase: mysql\nstorage: s3\npython: 3.13\n");

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        project.Exists("render.yaml").ShouldBeTrue();
        project.Read("requirements.txt").ShouldContain("mysqlclient==");
        project.Read(".python-version").ShouldBe("3.13\n");
    }

    [Fact]
    public void A_json_answers_file_supplies_the_answers()
    {
        using var project = TempProject.From("django52");

        var run = ApplyWith(project, "answers.json", """{ "host": "fly", "database": "postgres", "storage": "whitenoise", "server": "uvicorn" }""");

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        project.Exists("fly.toml").ShouldBeTrue();
        project.Read("Dockerfile").ShouldContain("exec uvicorn");
    }

    [Fact]
    public void Flags_win_over_the_answers_file()
    {
        using var project = TempProject.From("django52");

        ApplyWith(project, "answers.yaml", "host: render\n", "--host", "docker").ExitCode.ShouldBe(ExitCode.Done);

        project.Exists("compose.yaml").ShouldBeTrue();
        project.Exists("render.yaml").ShouldBeFalse();
    }

    [Fact]
    public void An_unknown_key_is_an_error_with_its_line_and_the_valid_keys()
    {
        using var project = TempProject.From("django52");
        var before = project.Contents();

        var run = ApplyWith(project, "answers.yaml", "host: heroku\nhosting: fly\n");

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldBe("error: answers.yaml:2: unknown key 'hosting'; the keys are host, database, storage, server, python, packages" + Environment.NewLine);
        project.Contents().Keys.ShouldBe(before.Keys.Append("answers.yaml").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_choice_is_an_error_with_its_line_and_the_valid_choices()
    {
        using var project = TempProject.From("django52");

        var run = ApplyWith(project, "answers.yaml", "host: heroku\n\ndatabase: oracle\n");

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldBe("error: answers.yaml:3: 'oracle' is not a database; choose one of postgres, mysql, sqlite" + Environment.NewLine);
    }

    [Fact]
    public void An_empty_answers_file_is_an_error()
    {
        using var project = TempProject.From("django52");

        var run = ApplyWith(project, "answers.yaml", "");

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldContain("answers.yaml is empty");
    }

    [Theory]
    [InlineData("answers.yaml", "host: heroku\ndatabase: \"postgres\n", "error: answers.yaml:2: not valid YAML or JSON")]
    [InlineData("answers.json", "{\n  \"host\": \"heroku\",\n}\n", "error: answers.json:3: not valid JSON")]
    public void A_malformed_answers_file_is_an_error_with_its_line(string name, string content, string error)
    {
        using var project = TempProject.From("django52");

        var run = ApplyWith(project, name, content);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldStartWith(error);
        run.Error.TrimEnd().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public void A_missing_answers_file_is_an_error()
    {
        using var project = TempProject.From("django52");

        var run = CliRun.Of("apply", project.Root, "--answers", project.PathOf("nope.yaml"));

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldBe($"error: the answers file {project.PathOf("nope.yaml")} does not exist; pass a YAML or JSON file{Environment.NewLine}");
    }

    [Fact]
    public void A_second_yaml_document_is_an_error_with_its_line()
    {
        using var project = TempProject.From("django52");

        var run = ApplyWith(project, "answers.yaml", "host: heroku\n---\ndatabase: postgres\n");

        run.Error.ShouldBe("error: answers.yaml:3: a second YAML document (after ---); keep the answers in one mapping" + Environment.NewLine);
    }

    [Fact]
    public void Answers_that_are_not_a_mapping_are_an_error_naming_the_keys()
    {
        using var project = TempProject.From("django52");

        var run = ApplyWith(project, "answers.yaml", "\n- heroku\n- postgres\n");

        run.Error.ShouldBe("error: answers.yaml:2: expected a mapping of host, database, storage, server, python, packages" + Environment.NewLine);
    }

    public static TheoryData<string, string> KeysWithExamples => new()
    {
        { "host", Scenario.Catalog.HostNames[0] },
        { "database", "postgres" },
        { "storage", "whitenoise" },
        { "server", "gunicorn" },
        { "python", Scenario.Catalog.NewestPython },
        { "packages", "uv" },
    };

    [Theory]
    [MemberData(nameof(KeysWithExamples))]
    public void A_key_given_a_list_or_a_mapping_is_an_error_with_an_example_of_one_value(string key, string example)
    {
        using var project = TempProject.From("django52");

        ApplyWith(project, "answers.yaml", $"{key}:\n  - one\n  - two\n").Error
            .ShouldBe($"error: answers.yaml:1: {key} is a list; give one value, e.g. `{key}: {example}`" + Environment.NewLine);
        ApplyWith(project, "answers.yaml", $"{key}:\n  name: one\n").Error
            .ShouldBe($"error: answers.yaml:1: {key} is a mapping; give one value, e.g. `{key}: {example}`" + Environment.NewLine);
    }

    [Fact]
    public void An_answers_file_that_is_a_folder_is_an_error()
    {
        using var project = TempProject.From("django52");
        Directory.CreateDirectory(project.PathOf("answers.yaml"));

        var run = CliRun.Of("apply", project.Root, "--answers", project.PathOf("answers.yaml"));

        run.Error.ShouldBe($"error: the answers file {project.PathOf("answers.yaml")} is a folder; pass a YAML or JSON file{Environment.NewLine}");
    }

    [Fact]
    public void An_answers_file_over_its_size_limit_is_an_error_and_not_read()
    {
        using var project = TempProject.From("django52");

        var run = ApplyWith(project, "answers.yaml", "host: heroku\n" + new string('#', Scaffolder.Answers.AnswersFile.MaxBytes));

        run.Error.ShouldBe($"error: the answers file {project.PathOf("answers.yaml")} is larger than 64 KiB; "
            + "an answers file holds a few lines such as `host: heroku`" + Environment.NewLine);
    }
}
