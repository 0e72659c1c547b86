using System.Runtime.Versioning;
using System.Security.Cryptography;
using Scaffolder.Cli;
using Scaffolder.Ownership;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// Every bad input a user or a pipeline can give: exit code 2, one line that starts with "error:" and names the
/// fix, no stack trace, and the project's bytes and modes exactly as they were.
/// </summary>
[UnsupportedOSPlatform("windows")]
public class BadInputMatrixTests
{
    private static readonly string[] Heroku = ["--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes"];

    /// <param name="Setup">What the user did to the project (the fixture django52) before running.</param>
    /// <param name="Arguments">The command line, given the project.</param>
    /// <param name="Says">What the one line must say.</param>
    internal sealed record Case(Action<TempProject> Setup, Func<TempProject, string[]> Arguments, string Says);

    private static string[] Apply(TempProject project, params string[] flags) => ["apply", project.Root, .. flags];

    private static Action<TempProject> Writes(string path, string content) => project => project.Write(path, content);

    private static Action<TempProject> WritesBytes(string path, byte[] bytes) => project =>
    {
        Directory.CreateDirectory(Path.GetDirectoryName(project.PathOf(path))!);
        File.WriteAllBytes(project.PathOf(path), bytes);
    };

    private static readonly byte[] Latin1 = [.. "# D"u8, 0xE9, .. "p\nDjango>=5.2\n"u8];

    private static readonly Action<TempProject> Nothing = _ => { };

    internal static readonly Dictionary<string, Case> Cases = new()
    {
        // The command line
        ["no command"] = new(Nothing, _ => [], "no command given"),
        ["misspelt command"] = new(Nothing, _ => ["aply"], "unknown command 'aply'; did you mean 'apply'?"),
        ["unknown command"] = new(Nothing, _ => ["deploy"], "unknown command 'deploy'"),
        ["unknown apply option"] = new(Nothing, p => Apply(p, "--bogus"), "unknown option '--bogus'"),
        ["unknown root option"] = new(Nothing, _ => ["--bogus"], "unknown option '--bogus'"),
        ["empty PATH"] = new(Nothing, _ => ["apply", ""], "PATH is empty"),
        ["empty --answers"] = new(Nothing, p => Apply(p, "--answers", ""), "--answers is empty"),
        ["--check with --dry-run"] = new(Nothing, p => Apply(p, "--check", "--dry-run"), "--check and --dry-run contradict each other"),
        ["--check with --force"] = new(Nothing, p => Apply(p, "--check", "--force"), "--check and --force contradict each other"),
        ["--check with --prune"] = new(Nothing, p => Apply(p, "--check", "--prune"), "--check and --prune contradict each other"),
        ["unknown host"] = new(Nothing, p => Apply(p, "--host", "oracle"), "'oracle' is not a host; choose --host "),
        ["unknown database"] = new(Nothing, p => Apply(p, "--database", "oracle"), "'oracle' is not a database; choose --database "),
        ["unknown storage"] = new(Nothing, p => Apply(p, "--storage", "ftp"), "'ftp' is not a storage; choose --storage "),
        ["unknown server"] = new(Nothing, p => Apply(p, "--server", "waitress"), "'waitress' is not a server; choose --server "),
        ["unknown python"] = new(Nothing, p => Apply(p, "--python", "2.7"), "'2.7' is not a python; choose --python "),
        ["upper-case choice"] = new(Nothing, p => Apply(p, "--host", "HEROKU"), "'HEROKU' is not a host; choose --host docker|heroku|render|fly"),
        ["option without its value"] = new(Nothing, p => Apply(p, "--host"), "--host needs a value: one of docker, heroku, render, fly"),
        ["two paths"] = new(Nothing, p => ["apply", p.Root, "second-path"], "unexpected argument 'second-path': apply takes one PATH"),

        // The project
        ["missing folder"] = new(Nothing, p => ["apply", p.PathOf("nope")], "does not exist; pass the folder that holds manage.py"),
        ["a file as PATH"] = new(Nothing, p => ["apply", p.PathOf("manage.py"), .. Heroku], "is a file; pass the folder that holds manage.py"),
        ["no manage.py"] = new(p => File.Delete(p.PathOf("manage.py")), p => Apply(p, Heroku), "django-admin startproject"),
        ["two projects one folder down"] = new(p =>
        {
            File.Move(p.PathOf("manage.py"), p.PathOf("mysite/manage.py"));
            p.Write("other/manage.py", "");
        }, p => Apply(p, Heroku), "pass the one to deploy as PATH"),
        ["manage.py without a settings default"] = new(Writes("manage.py", "import sys\n"), p => Apply(p, Heroku), "manage.py sets no default DJANGO_SETTINGS_MODULE"),
        ["settings module that does not exist"] = new(p => p.Replace("manage.py", "'mysite.settings'", "'mysite.nope'"), p => Apply(p, Heroku), "fix DJANGO_SETTINGS_MODULE in manage.py"),
        ["package named with a keyword"] = new(p =>
        {
            Directory.Move(p.PathOf("mysite"), p.PathOf("class"));
            p.Replace("manage.py", "'mysite.settings'", "'class.settings'");
        }, p => Apply(p, Heroku), "'class' is a Python keyword"),
        ["package named with a hyphen"] = new(p =>
        {
            Directory.Move(p.PathOf("mysite"), p.PathOf("my-site"));
            p.Replace("manage.py", "'mysite.settings'", "'my-site.settings'");
        }, p => Apply(p, Heroku), "'my-site' is not a Python identifier"),
        ["settings that do not parse"] = new(p => p.Write("mysite/settings.py", p.Read("mysite/settings.py") + "X = [\n"), p => Apply(p, Heroku), "does not parse as Python"),
        ["settings not in UTF-8"] = new(WritesBytes("mysite/settings.py", Latin1), p => Apply(p, Heroku), "is not UTF-8 text (0xE9 on line 1)"),
        ["requirements not in UTF-8"] = new(WritesBytes("requirements.txt", Latin1), p => Apply(p, Heroku), "requirements.txt is not UTF-8 text (0xE9 on line 1); save it as UTF-8"),
        [".env not in UTF-8"] = new(WritesBytes(".env", [.. "NAME=Andr"u8, 0xE9, .. "\n"u8]), p => Apply(p, Heroku), ".env is not UTF-8 text"),
        ["no WSGI application"] = new(p =>
        {
            File.Delete(p.PathOf("mysite/wsgi.py"));
            p.Replace("mysite/settings.py", "WSGI_APPLICATION = 'mysite.wsgi.application'", "");
        }, p => Apply(p, Heroku), "set WSGI_APPLICATION as startproject does"),
        ["uvicorn without asgi.py"] = new(p => File.Delete(p.PathOf("mysite/asgi.py")), p => Apply(p, [.. Heroku, "--server", "uvicorn"]), "--server uvicorn needs an ASGI application"),
        ["sqlite on a host that wipes its disk"] = new(Nothing, p => Apply(p, "--host", "heroku", "--database", "sqlite", "--yes"), "choose --database postgres"),
        ["a python the project's django does not support"] = new(p => p.Replace("mysite/settings.py", "using Django 5.2", "using Django 4.2"), p => Apply(p, [.. Heroku, "--python", "3.14"]), "supports Python up to 3.12"),
        ["a folder where the overlay writes a file"] = new(p => Directory.CreateDirectory(p.PathOf("Procfile")), p => Apply(p, Heroku), "is a folder where the overlay writes a file; move it aside"),
        ["a symlink that leads out of the project"] = new(p => File.CreateSymbolicLink(p.PathOf("Dockerfile"), "/tmp/scaffolder-outside-" + Guid.NewGuid().ToString("N")), p => Apply(p, Heroku), "a symlink leads it out of the project"),
        ["a read-only file the overlay updates"] = new(p =>
        {
            p.Write("requirements.txt", "Django>=5.2\n");
            File.SetUnixFileMode(p.PathOf("requirements.txt"), (UnixFileMode)0b100_100_100);
        }, p => Apply(p, Heroku), "requirements.txt is read-only; make it writable"),

        // The record of the last apply
        ["record that is not JSON"] = new(Writes(ProjectRecord.FileName, "{\n  \"answers\": {,\n"), p => Apply(p, "--yes"), ".scaffolder.json:2: not a Scaffolder record"),
        ["record with files as a list"] = new(Writes(ProjectRecord.FileName, "{\"answers\": {\"host\": \"heroku\", \"database\": \"postgres\", \"storage\": \"whitenoise\", \"server\": \"gunicorn\", \"python\": \"3.13\"}, \"files\": [\"Procfile\"]}"), p => Apply(p, "--yes"), "\"files\" should be an object mapping each written file to its git hash"),
        ["record with a host not offered"] = new(Writes(ProjectRecord.FileName, "{\"answers\": {\"host\": \"kamal\", \"database\": \"postgres\", \"storage\": \"whitenoise\", \"server\": \"gunicorn\", \"python\": \"3.13\"}, \"files\": {}}"), p => Apply(p, "--yes"), "has host 'kamal', which is none of"),
        ["record without answers"] = new(Writes(ProjectRecord.FileName, "{\"files\": {}}"), p => Apply(p, "--yes"), "lacks its answers or files"),
        ["record that is a list"] = new(Writes(ProjectRecord.FileName, "[]"), p => Apply(p, "--yes"), "not a Scaffolder record"),
        ["record with a number as host"] = new(Writes(ProjectRecord.FileName, "{\"answers\": {\"host\": 3}, \"files\": {}}"), p => Apply(p, "--yes"), "\"host\" in \"answers\" should be a string"),

        // The answers file
        ["answers file that does not exist"] = new(Nothing, p => Apply(p, "--answers", p.PathOf("nope.yaml")), "does not exist; pass a YAML or JSON file"),
        ["answers file that is a folder"] = new(p => Directory.CreateDirectory(p.PathOf("answers")), p => Apply(p, "--answers", p.PathOf("answers")), "is a folder; pass a YAML or JSON file"),
        ["answers from /dev/zero"] = new(Nothing, p => Apply(p, "--answers", "/dev/zero"), "is not a regular file"),
        ["answers from a pipe"] = new(p => MakeFifo(p.PathOf("answers.fifo")), p => Apply(p, "--answers", p.PathOf("answers.fifo")), "is not a regular file"),
        ["answers file too large"] = new(Writes("answers.yaml", "# " + new string('x', 70_000) + "\nhost: heroku\n"), p => Apply(p, "--answers", p.PathOf("answers.yaml")), "is larger than 64 KiB"),
        ["two YAML documents"] = new(Writes("answers.yaml", "host: heroku\n---\nhost: fly\n"), p => Apply(p, "--answers", p.PathOf("answers.yaml")), "a second YAML document"),
        ["a list as a value"] = new(Writes("answers.yaml", "host: [heroku, fly]\n"), p => Apply(p, "--answers", p.PathOf("answers.yaml")), "answers.yaml:1: host is a list; give one value, e.g. `host: docker`"),
        ["a mapping as a value"] = new(Writes("answers.yaml", "database:\n  engine: postgres\n"), p => Apply(p, "--answers", p.PathOf("answers.yaml")), "answers.yaml:1: database is a mapping; give one value"),
        ["unknown answers key"] = new(Writes("answers.yaml", "hosting: fly\n"), p => Apply(p, "--answers", p.PathOf("answers.yaml")), "unknown key 'hosting'"),
        ["unknown answers value"] = new(Writes("answers.yaml", "storage: ftp\n"), p => Apply(p, "--answers", p.PathOf("answers.yaml")), "'ftp' is not a storage; choose one of"),
        ["empty answers file"] = new(Writes("answers.yaml", ""), p => Apply(p, "--answers", p.PathOf("answers.yaml")), "answers.yaml is empty"),
        ["answers that are a list"] = new(Writes("answers.yaml", "- host: heroku\n"), p => Apply(p, "--answers", p.PathOf("answers.yaml")), "expected a mapping"),
        ["malformed YAML answers"] = new(Writes("answers.yaml", "host: \"heroku\n"), p => Apply(p, "--answers", p.PathOf("answers.yaml")), "not valid YAML or JSON"),
        ["malformed JSON answers"] = new(Writes("answers.json", "{\"host\": \"heroku\",}"), p => Apply(p, "--answers", p.PathOf("answers.json")), "not valid JSON"),
        ["answers not in UTF-8"] = new(WritesBytes("answers.yaml", [.. "host: h"u8, 0xE9, .. "roku\n"u8]), p => Apply(p, "--answers", p.PathOf("answers.yaml")), "is not UTF-8 text"),
    };

    public static TheoryData<string> Names { get; } = [.. Cases.Keys];

    [Fact]
    public void The_matrix_covers_at_least_forty_distinct_bad_inputs() => Cases.Count.ShouldBeGreaterThanOrEqualTo(40);

    [Theory]
    [MemberData(nameof(Names))]
    public void A_bad_input_exits_2_with_one_line_naming_the_fix_and_changes_no_byte(string name) =>
        Check(name, arguments =>
        {
            var run = CliRun.Of(arguments);
            return ((int)run.ExitCode, run.Error);
        });

    /// <summary>Runs a case by <paramref name="run"/>, which gives the exit code and standard error.</summary>
    internal static void Check(string name, Func<string[], (int ExitCode, string Error)> run)
    {
        var (setup, arguments, says) = Cases[name];
        using var project = TempProject.From("django52");
        setup(project);
        var before = Fingerprint(project.Root);

        var (exitCode, error) = run(arguments(project));

        exitCode.ShouldBe((int)ExitCode.BadInput, error);
        error.ShouldStartWith("error: ");
        error.TrimEnd('\n').ShouldNotContain("\n");
        error.ShouldNotContain("   at ");
        error.ShouldContain(says);
        Fingerprint(project.Root).ShouldBe(before);
    }

    /// <summary>Every entry below the root: its kind, mode and (for files) a hash of its bytes.</summary>
    private static SortedDictionary<string, string> Fingerprint(string root) =>
        new(new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).ToDictionary(
            entry => Path.GetRelativePath(root, entry.FullName),
            entry => entry.LinkTarget is { } target ? $"link to {target}"
                : entry is DirectoryInfo ? $"folder {entry.UnixFileMode}"
                : new UnixFileInfoOf(entry.FullName).Describe()), StringComparer.Ordinal);

    private sealed record UnixFileInfoOf(string Path)
    {
        public string Describe()
        {
            var mode = File.GetUnixFileMode(Path);
            var info = new Mono.Unix.UnixFileInfo(Path);
            return info.IsRegularFile
                ? $"{mode} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path)))}"
                : $"{info.FileType} {mode}";
        }
    }

    private static void MakeFifo(string path)
    {
        var result = ProcessRunner.Run("mkfifo", [path]);
        result.ExitCode.ShouldBe(0, result.Error);
    }
}

/// <summary>
/// The same matrix through the installed tool (on linux-x64 the Native AOT binary): the answers file's YAML and JSON,
/// the record's JSON, a FIFO and a device told apart through Mono.Unix's native library, all as compiled ahead of time.
/// </summary>
[UnsupportedOSPlatform("windows")]
[Collection(InstalledTool.Collection)]
public class InstalledToolBadInputMatrixTests(InstalledTool tool)
{
    [Theory]
    [MemberData(nameof(BadInputMatrixTests.Names), MemberType = typeof(BadInputMatrixTests))]
    public void A_bad_input_to_the_installed_tool_exits_2_with_one_line_naming_the_fix_and_changes_no_byte(string name) =>
        BadInputMatrixTests.Check(name, arguments =>
        {
            var run = tool.Run(arguments);
            return (run.ExitCode, run.Error);
        });
}
