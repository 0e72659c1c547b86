using System.Buffers.Binary;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// The linux-arm64 package, Native AOT cross-compiled on linux-x64, run under qemu-user (qemu-aarch64): it is an aarch64
/// binary with its aarch64 native library beside it, and it says and writes what the linux-x64 binary does.
/// </summary>
[Collection(InstalledTool.Collection)]
public sealed class InstalledToolArm64Tests(InstalledTool tool)
{
    // ELF header: e_ident[EI_CLASS] at 4 (2: 64-bit), e_ident[EI_DATA] at 5 (1: little-endian), e_machine at 18.
    private const ushort AArch64 = 183;
    private const ushort X86_64 = 62;

    [Fact]
    public void The_linux_arm64_package_is_a_native_aot_aarch64_binary_with_its_aarch64_native_library_beside_it()
    {
        var arm64 = tool.Arm64;

        arm64.Program.Name.ShouldBe("scaffolder");
        MachineOf(arm64.Program.FullName).ShouldBe(AArch64);
        arm64.Folder.GetFiles("*.dll").ShouldBeEmpty("a Native AOT tool carries no managed assemblies");
        arm64.Folder.GetFiles("libcoreclr.so").ShouldBeEmpty("a Native AOT tool carries no runtime");
        MachineOf(arm64.Folder.GetFiles("libMono.Unix.so").ShouldHaveSingleItem("Mono.Unix calls into its own native library").FullName)
            .ShouldBe(AArch64, "the native library is linux-arm64's");
        // The same reading of the linux-x64 binary tells the two apart.
        MachineOf(tool.Program.FullName).ShouldBe(X86_64);
    }

    [Fact]
    public void Under_qemu_the_linux_arm64_binary_prints_the_version_and_help_the_linux_x64_binary_prints()
    {
        var arm64 = tool.Arm64;

        string[][] commands = [["--version"], ["--help"], ["apply", "--help"]];
        foreach (var arguments in commands)
        {
            var run = arm64.Run(arguments);
            var reference = tool.Run(arguments);

            run.ExitCode.ShouldBe(0, $"{string.Join(' ', arguments)}: {run.Error}");
            reference.ExitCode.ShouldBe(0, reference.Error);
            run.Output.ShouldNotBeEmpty();
            run.Output.ShouldBe(reference.Output);
            run.Error.ShouldBe(reference.Error);
        }
    }

    /// <summary>
    /// Fixture layouts and choices a run goes different ways for: the bundled example on Heroku (the README's), ASGI,
    /// an object store with MySQL, a pyproject.toml merged into, a project one folder below its git repository. Each
    /// leaves nothing to settle (a manager with a lock file would ask for it to be locked again, and --check too).
    /// </summary>
    public static TheoryData<string> Scenarios { get; } =
    [
        "django52-heroku-postgres-whitenoise-gunicorn",
        "django52-docker-postgres-whitenoise-uvicorn",
        "django52-fly-mysql-gcs-gunicorn",
        "pep621-docker-sqlite-whitenoise-gunicorn",
        "subfolder-render-postgres-whitenoise-gunicorn",
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Under_qemu_the_linux_arm64_binary_writes_what_the_linux_x64_binary_writes_and_checks_it(string scenarioName)
    {
        var arm64 = tool.Arm64;
        var scenario = Scenario.Named(scenarioName);
        using var project = TempProject.From(scenario.Fixture);
        using var reference = TempProject.From(scenario.Fixture);

        var run = arm64.Run(["apply", project.Root, .. scenario.Flags]);
        var referenceRun = tool.Run(["apply", reference.Root, .. scenario.Flags]);

        run.ExitCode.ShouldBe(0, run.Error);
        referenceRun.ExitCode.ShouldBe(0, referenceRun.Error);
        InstalledToolTests.ShouldHoldTheSameFiles(scenario, project, reference);
        Report(run, project).ShouldBe(Report(referenceRun, reference));

        var check = arm64.Run("apply", project.Root, "--check");
        check.ExitCode.ShouldBe(0, check.Output + check.Error);

        // Drift: a file of the overlay deleted. --check says so, as the linux-x64 binary does.
        var dockerfile = InstalledToolTests.ProjectFolder(project.Contents()) + "Dockerfile";
        File.Delete(project.PathOf(dockerfile));
        File.Delete(reference.PathOf(dockerfile));
        var drift = arm64.Run("apply", project.Root, "--check");
        var referenceDrift = tool.Run("apply", reference.Root, "--check");
        drift.ExitCode.ShouldBe(1, drift.Output + drift.Error);
        drift.Error.ShouldContain("Dockerfile");
        Report(drift, project).ShouldBe(Report(referenceDrift, reference));
    }

    private static ushort MachineOf(string file)
    {
        var header = new byte[20];
        using (var stream = File.OpenRead(file))
            stream.ReadExactly(header);
        header[..4].ShouldBe(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, $"{file} is an ELF file");
        header[4].ShouldBe((byte)2, $"{file} is 64-bit");
        header[5].ShouldBe((byte)1, $"{file} is little-endian");
        return BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(18));
    }

    // What a run said, with the project's own folder named the same for both runs.
    private static string Report(ProcessResult run, TempProject project) =>
        $"exit {run.ExitCode}\n{run.Output}\n---\n{run.Error}".Replace(project.Root, "<project>", StringComparison.Ordinal);
}
