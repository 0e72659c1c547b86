using System.Runtime.InteropServices;

namespace Scaffolder.Tests.Support;

/// <summary>
/// The tool as users get it, made once for the tests that share it: packed as the README says (every RID's package,
/// then on linux-x64 that RID's package again as Native AOT, and linux-arm64's, cross-compiled, where this machine has
/// the cross toolchain), installed with <c>dotnet tool install</c> into a folder of its own. On linux-x64 the command
/// is the Native AOT binary; the linux-arm64 package is unpacked beside it (<see cref="Arm64"/>).
/// </summary>
public sealed class InstalledTool : IDisposable
{
    public const string Collection = "installed tool";

    // A version of its own, so that no package cached by an earlier run stands in for this build.
    private readonly string _version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
    private readonly TempProject _work = TempProject.Empty();

    public InstalledTool()
    {
        var project = System.IO.Path.Combine(RepositoryRoot.Path, "src", "Scaffolder");
        var packages = _work.PathOf("packages");
        Dotnet("pack", project, "-c", "Release", "-o", packages, $"-p:Version={_version}");
        if (BuildsNativeAot)
            Dotnet("pack", project, "-c", "Release", "-r", "linux-x64", "-o", packages, $"-p:Version={_version}");
        if (Arm64Tool.Missing is null)
            Dotnet("pack", project, "-c", "Release", "-r", "linux-arm64", "-o", packages, $"-p:Version={_version}");
        Dotnet("tool", "install", "Scaffolder", "--version", _version, "--tool-path", _work.PathOf("tools"), "--add-source", packages);
        Path = _work.PathOf("tools/scaffolder");
        if (Arm64Tool.Missing is null)
            _arm64 = Arm64Tool.Unpack(System.IO.Path.Combine(packages, $"Scaffolder.linux-arm64.{_version}.nupkg"), _work.PathOf("arm64"));
    }

    private readonly Arm64Tool? _arm64;

    /// <summary>
    /// The linux-arm64 Native AOT package, unpacked, run under qemu. Where this machine cannot build or run it, the test
    /// asking for it is skipped, saying what is missing; where <see cref="Arm64Tool.RequiredVariable"/> is set (CI), it
    /// fails instead.
    /// </summary>
    public Arm64Tool Arm64
    {
        get
        {
            if (_arm64 is not null)
                return _arm64;
            if (Environment.GetEnvironmentVariable(Arm64Tool.RequiredVariable) == "1")
                Assert.Fail($"{Arm64Tool.RequiredVariable}=1, but {Arm64Tool.Missing}");
            Assert.Skip(Arm64Tool.Missing ?? "the linux-arm64 package was not made");
            return null!;
        }
    }

    /// <summary>Where the packing makes a Native AOT package: on linux-x64, for linux-x64 (see Scaffolder.csproj).</summary>
    public static bool BuildsNativeAot => RuntimeInformation.RuntimeIdentifier == "linux-x64";

    /// <summary>The installed command, as a user's shell finds it.</summary>
    public string Path { get; }

    /// <summary>The file the command leads to, in the tool's own folder of the tool store.</summary>
    public FileInfo Program => new(new FileInfo(Path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path);

    public ToolCommand Command => new(Path, []);

    public ProcessResult Run(params string[] arguments) =>
        ProcessRunner.Run(Path, arguments, timeout: TimeSpan.FromMinutes(1));

    private void Dotnet(params string[] arguments)
    {
        var result = ProcessRunner.Run("dotnet", arguments, workingDirectory: _work.Root, timeout: TimeSpan.FromMinutes(8));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed\n{result.Output}\n{result.Error}");
    }

    public void Dispose()
    {
        _work.Dispose();
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in new[] { "scaffolder", "scaffolder.linux-x64" })
        {
            var cached = System.IO.Path.Combine(cache, package, _version);
            if (Directory.Exists(cached))
                Directory.Delete(cached, recursive: true);
        }
    }
}

[CollectionDefinition(InstalledTool.Collection)]
public sealed class InstalledToolCollection : ICollectionFixture<InstalledTool>;
