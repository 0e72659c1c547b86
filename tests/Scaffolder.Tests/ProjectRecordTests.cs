using Scaffolder.Answers;
using Scaffolder.Ownership;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>The record of earlier applies: read back as written, and a broken one refused in its own terms, with its line.</summary>
public class ProjectRecordTests
{
    private static readonly string[] Hosts = ["docker", "heroku"];

    private const string Answers = "\"answers\": {\"host\": \"heroku\", \"database\": \"postgres\", \"storage\": \"whitenoise\", \"server\": \"gunicorn\", \"python\": \"3.13\"";

    private static string Error(string record)
    {
        using var project = TempProject.Empty();
        project.Write(ProjectRecord.FileName, record);
        return Should.Throw<UserError>(() => ProjectRecord.Load(project.Root, Hosts)).Message;
    }

    [Theory]
    [InlineData("[]", ".scaffolder.json:1: not a Scaffolder record (expected a JSON object with \"answers\" and \"files\")")]
    [InlineData("{\"answers\": [],\n\"files\": {}}", ".scaffolder.json:1: \"answers\" should be an object of host, database, storage, server, python and packages")]
    [InlineData("{" + Answers + "},\n\"files\": []}", ".scaffolder.json:2: \"files\" should be an object mapping each written file to its git hash")]
    [InlineData("{" + Answers + "},\n\"files\": {\"Procfile\": 1}}", ".scaffolder.json:2: each entry of \"files\" should be a file path mapped to a git hash string")]
    [InlineData("{" + Answers + "},\n\"files\": {},\n\"pending_conflicts\": \"Procfile\"}", ".scaffolder.json:3: \"pending_conflicts\" should be a list of file paths")]
    [InlineData("{" + Answers + "},\n\"files\": {},\n\"pending_conflicts\": [1]}", ".scaffolder.json:3: each entry of \"pending_conflicts\" should be a file path string")]
    [InlineData("{\"answers\": {\"host\": 1}, \"files\": {}}", ".scaffolder.json:1: \"host\" in \"answers\" should be a string")]
    [InlineData("{\"answers\": {\"host\": \"heroku\",}", ".scaffolder.json:1: not a Scaffolder record: not valid JSON (The JSON object contains a trailing comma at the end which is not supported in this mode)")]
    public void A_record_of_the_wrong_shape_is_refused_with_its_line_in_the_records_own_terms(string record, string error)
    {
        Error(record).ShouldBe(error + "; fix it or delete it to start over");
    }

    [Theory]
    [InlineData("null", ".scaffolder.json is empty; delete it to start over")]
    [InlineData("{\"files\": {}}", ".scaffolder.json lacks its answers or files; delete it to start over")]
    [InlineData("{" + Answers + "}}", ".scaffolder.json lacks its answers or files; delete it to start over")]
    public void A_record_without_its_parts_is_refused(string record, string error)
    {
        Error(record).ShouldBe(error);
    }

    [Theory]
    [InlineData("host", "render", "host 'render', which is none of docker, heroku")]
    [InlineData("database", "oracle", "database 'oracle', which is none of postgres, mysql, sqlite")]
    [InlineData("storage", "ftp", "storage 'ftp', which is none of whitenoise, s3, gcs, azure")]
    [InlineData("server", "waitress", "server 'waitress', which is none of gunicorn, uvicorn")]
    [InlineData("packages", "conda", "packages 'conda', which is none of uv, poetry, pipenv, pdm, pip")]
    public void A_recorded_choice_that_is_none_of_the_choices_is_refused_with_them(string key, string value, string error)
    {
        var answers = new Dictionary<string, string>
        {
            ["host"] = "heroku", ["database"] = "postgres", ["storage"] = "whitenoise", ["server"] = "gunicorn", ["python"] = "3.13", ["packages"] = "uv",
        };
        answers[key] = value;
        var json = string.Join(", ", answers.Select(pair => $"\"{pair.Key}\": \"{pair.Value}\""));

        Error($"{{\"answers\": {{{json}}}, \"files\": {{}}}}").ShouldBe($".scaffolder.json has {error}; fix it or delete it to start over");
    }

    [Fact]
    public void A_record_without_python_is_refused()
    {
        Error("{\"answers\": {\"host\": \"heroku\", \"database\": \"postgres\", \"storage\": \"whitenoise\", \"server\": \"gunicorn\"}, \"files\": {}}")
            .ShouldBe(".scaffolder.json names no python; delete it to start over");
    }

    [Fact]
    public void A_record_reads_back_as_written_with_its_conflicts_in_name_order()
    {
        using var project = TempProject.Empty();
        var record = new ProjectRecord(
            new ProjectAnswers("docker", Database.Mysql, Storage.S3, Server.Uvicorn, "3.12", PackageManager.Poetry),
            new Dictionary<string, string> { ["Procfile"] = "a1", [".env.example"] = "b2" },
            new HashSet<string> { "Procfile", "Dockerfile" });
        var text = record.Serialize();
        project.Write(ProjectRecord.FileName, text);

        var read = ProjectRecord.Load(project.Root, Hosts)!;

        var conflicts = text[text.IndexOf("\"pending_conflicts\"", StringComparison.Ordinal)..];
        conflicts.IndexOf("Dockerfile", StringComparison.Ordinal).ShouldBeLessThan(conflicts.IndexOf("Procfile", StringComparison.Ordinal));
        text.ShouldEndWith("\n");
        read.Answers.ShouldBe(record.Answers);
        read.Files.ShouldBe(record.Files, ignoreOrder: true);
        read.PendingConflicts.ShouldBe(["Dockerfile", "Procfile"], ignoreOrder: true);
        read.Given.Packages.ShouldBe(PackageManager.Poetry);
    }

    [Fact]
    public void A_record_from_before_package_managers_leaves_the_manager_to_detection()
    {
        using var project = TempProject.Empty();
        project.Write(ProjectRecord.FileName, "{" + Answers + "}, \"files\": {}}");

        var read = ProjectRecord.Load(project.Root, Hosts)!;

        read.PackagesRecorded.ShouldBeFalse();
        read.Answers.Packages.ShouldBe(PackageManager.Pip);
        read.Given.Packages.ShouldBeNull();
        read.Given.Host.ShouldBe("heroku");
    }

    [Fact]
    public void No_record_is_no_earlier_apply()
    {
        using var project = TempProject.Empty();

        ProjectRecord.Load(project.Root, Hosts).ShouldBeNull();
    }
}
