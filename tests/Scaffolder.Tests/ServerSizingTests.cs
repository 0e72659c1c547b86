using System.Globalization;
using Scaffolder.Answers;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// The generated servers size themselves to the machine they run on: WEB_CONCURRENCY when set, else the CPUs the
/// process may use (affinity and cgroup CPU quota), plus one. The rendered Python runs here, on this machine's real
/// affinity and, where this machine allows it, a real cgroup; cgroup v2 and containers' views on trees made for it.
/// </summary>
public sealed class ServerSizingTests : IDisposable
{
    private readonly TempProject _project = TempProject.From("django52");

    [Theory]
    [InlineData("gunicorn.conf.py")]
    [InlineData("web_concurrency.py")]
    public void Web_concurrency_wins_when_set(string file)
    {
        var rendered = Render(file);

        Workers(rendered, environment: new() { ["WEB_CONCURRENCY"] = "7" }).ShouldBe("7");
    }

    [Theory]
    [InlineData("gunicorn.conf.py")]
    [InlineData("web_concurrency.py")]
    public void Without_it_workers_are_the_cpus_the_process_may_run_on_plus_one(string file)
    {
        Assert.SkipUnless(File.Exists("/usr/bin/taskset"), "needs util-linux's taskset");
        var rendered = Render(file);

        Workers(rendered, affinity: "0").ShouldBe("2");
        Workers(rendered).ShouldBe((Python("import os; print(len(os.sched_getaffinity(0)) + 1)").Trim()));
    }

    [Theory]
    [InlineData("0::/\n", "", null)]
    [InlineData("0::/\n", "cpu.max=max 100000", null)]
    [InlineData("0::/\n", "cpu.max=50000 100000", 0.5)]
    [InlineData("0::/app.slice/web.service\n", "app.slice/web.service/cpu.max=max 100000;app.slice/cpu.max=150000 100000", 1.5)]
    [InlineData("0::/app.slice/web.service\n", "app.slice/web.service/cpu.max=300000 100000;app.slice/cpu.max=200000 100000", 2.0)]
    // A container's own cgroup is the mount; /proc/self/cgroup may name it by its path on the host.
    [InlineData("0::/system.slice/docker-1234.scope\n", "cpu.max=100000 100000", 1.0)]
    public void A_cgroup_v2_cpu_quota_of_the_cgroup_or_a_parent_is_found(string membership, string files, double? cpus)
    {
        var root = FakeRoot(membership, "sys/fs/cgroup", files);

        Quota(Render("gunicorn.conf.py"), root).ShouldBe(cpus?.ToString("0.0", CultureInfo.InvariantCulture) ?? "None");
    }

    [Theory]
    [InlineData("4:cpu,cpuacct:/\n", "cpu,cpuacct", "cpu.cfs_quota_us=-1;cpu.cfs_period_us=100000", null)]
    [InlineData("4:cpu,cpuacct:/\n", "cpu,cpuacct", "cpu.cfs_quota_us=250000;cpu.cfs_period_us=100000", 2.5)]
    [InlineData("3:cpu:/batch/web\n", "cpu", "batch/web/cpu.cfs_quota_us=-1;batch/web/cpu.cfs_period_us=100000;batch/cpu.cfs_quota_us=50000;batch/cpu.cfs_period_us=100000", 0.5)]
    [InlineData("4:cpuacct,cpu:/docker/1234\n", "cpuacct,cpu", "cpu.cfs_quota_us=150000;cpu.cfs_period_us=100000", 1.5)]
    public void A_cgroup_v1_cpu_quota_is_found(string membership, string mount, string files, double? cpus)
    {
        var root = FakeRoot(membership, $"sys/fs/cgroup/{mount}", files);

        Quota(Render("web_concurrency.py"), root).ShouldBe(cpus?.ToString("0.0", CultureInfo.InvariantCulture) ?? "None");
    }

    [Fact]
    public void A_quota_caps_the_cpus_and_a_fraction_counts_as_a_whole_one()
    {
        var rendered = Render("gunicorn.conf.py");

        UsableCpus(rendered, FakeRoot("0::/\n", "sys/fs/cgroup", "cpu.max=50000 100000")).ShouldBe("1");
        UsableCpus(rendered, FakeRoot("0::/\n", "sys/fs/cgroup", "cpu.max=150000 100000"), affinity: "0,1").ShouldBe("2");
        UsableCpus(rendered, FakeRoot("0::/\n", "sys/fs/cgroup", "cpu.max=800000 100000"), affinity: "0").ShouldBe("1");
    }

    [Fact]
    public void A_real_cgroup_v1_cpu_quota_lowers_the_workers()
    {
        const string mount = "/sys/fs/cgroup/cpu";
        Assert.SkipUnless(Environment.UserName == "root" && File.Exists($"{mount}/cpu.cfs_quota_us"), "needs root and a cgroup v1 cpu hierarchy");
        var group = Path.Combine(mount, "scaffolder-test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(group);
        try
        {
            File.WriteAllText(Path.Combine(group, "cpu.cfs_quota_us"), "50000");
            var rendered = Render("gunicorn.conf.py");

            var run = ProcessRunner.Run("sh", ["-c", $"echo $$ > {group}/cgroup.procs && exec python3 -c \"$0\" \"$1\"", LoadWorkers, rendered]);

            run.ExitCode.ShouldBe(0, run.Error);
            run.Output.Trim().ShouldBe("2", "half a CPU counts as one; workers are one more");
        }
        finally
        {
            Directory.Delete(group);
        }
    }

    [Theory]
    [InlineData("docker", 10)]
    [InlineData("heroku", 30)]
    [InlineData("render", 30)]
    [InlineData("fly", 30)]
    [InlineData("kubernetes", 30)]
    public void Workers_stop_gracefully_within_the_time_the_platform_gives(string host, int platformSeconds)
    {
        var rendered = Render("gunicorn.conf.py", host);

        var graceful = int.Parse(Python($"{WithoutGunicorn}import runpy; print(runpy.run_path('{rendered}')['graceful_timeout'])"));

        graceful.ShouldBeInRange(1, platformSeconds - 1);
    }

    // gunicorn.conf.py builds its access logger on gunicorn's, which gunicorn imports before it reads the file. This
    // machine has no gunicorn: the sizing is read with a stand-in for that one class (the end-to-end suite runs the file
    // in real gunicorn).
    private const string WithoutGunicorn =
        "import sys, types; glogging = types.ModuleType('gunicorn.glogging'); glogging.Logger = object; "
        + "sys.modules.update({'gunicorn': types.ModuleType('gunicorn'), 'gunicorn.glogging': glogging}); sys.modules['gunicorn'].glogging = glogging; ";

    private const string LoadWorkers = WithoutGunicorn + """

        import runpy, sys, subprocess
        if sys.argv[1].endswith("web_concurrency.py"):
            print(subprocess.run([sys.executable, sys.argv[1]], capture_output=True, text=True, check=True).stdout.strip())
        else:
            print(runpy.run_path(sys.argv[1])["workers"])
        """;

    private string Workers(string rendered, string? affinity = null, Dictionary<string, string>? environment = null)
    {
        // Unset unless the test sets it: the servers take an empty value as none.
        environment ??= new() { ["WEB_CONCURRENCY"] = "" };
        string[] python = ["python3", "-c", LoadWorkers, rendered];
        var run = affinity is null
            ? ProcessRunner.Run(python[0], python[1..], environment: environment)
            : ProcessRunner.Run("taskset", ["-c", affinity, .. python], environment: environment);
        run.ExitCode.ShouldBe(0, run.Error);
        return run.Output.Trim();
    }

    private static string Quota(string rendered, string root) =>
        Python($"{WithoutGunicorn}import runpy; print(runpy.run_path('{rendered}', run_name='sizing')['cgroup_cpu_quota']('{root}'))").Trim();

    private static string UsableCpus(string rendered, string root, string affinity = "0,1")
    {
        var run = ProcessRunner.Run("taskset", ["-c", affinity, "python3", "-c",
            $"{WithoutGunicorn}import runpy; print(runpy.run_path('{rendered}', run_name='sizing')['usable_cpus']('{root}'))"]);
        run.ExitCode.ShouldBe(0, run.Error);
        return run.Output.Trim();
    }

    private static string Python(string code)
    {
        var run = ProcessRunner.Run("python3", ["-c", code]);
        run.ExitCode.ShouldBe(0, run.Error);
        return run.Output;
    }

    /// <summary>A folder laid out like / for the cgroup files: /proc/self/cgroup and files below a mount ("path=content;...").</summary>
    private string FakeRoot(string membership, string mount, string files)
    {
        var root = _project.PathOf("fake-root-" + Guid.NewGuid().ToString("N")[..8]);
        _project.Write(Path.GetRelativePath(_project.Root, Path.Combine(root, "proc/self/cgroup")), membership);
        Directory.CreateDirectory(Path.Combine(root, mount));
        foreach (var file in files.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (path, content) = (file[..file.IndexOf('=')], file[(file.IndexOf('=') + 1)..]);
            _project.Write(Path.GetRelativePath(_project.Root, Path.Combine(root, mount, path)), content + "\n");
        }
        return root;
    }

    /// <summary>Renders the overlay for the host and the server that has <paramref name="file"/>, and writes that file.</summary>
    private string Render(string file, string host = "docker")
    {
        var server = file == "web_concurrency.py" ? Server.Uvicorn : Server.Gunicorn;
        var overlay = new Scenario("django52", host, Database.Postgres, Storage.Whitenoise, server).Render(_project);
        var path = $"{host}-{file}";
        _project.Write(path, overlay.Files.Single(rendered => rendered.Path == file).Content);
        return _project.PathOf(path);
    }

    public void Dispose() => _project.Dispose();
}
