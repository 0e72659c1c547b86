using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace Scaffolder.Tests.Support;

/// <summary>
/// The linux-arm64 package as the packing makes it on linux-x64 (Native AOT, cross-compiled: see Scaffolder.csproj),
/// unpacked where <c>dotnet tool install</c> would put its files, and run under qemu-user. The CLI cannot install it
/// here: on Linux, <c>dotnet tool install --arch arm64</c> refuses every architecture but the machine's own ("The
/// runtime identifier linux-arm64 is invalid", dotnet/sdk#29074), and the RID-specific package is not installable by
/// its own name. So the package is read as the CLI reads it: its DotnetToolSettings.xml names the command and the
/// file to run, which is made executable.
/// </summary>
public sealed class Arm64Tool
{
    /// <summary>Where qemu finds the aarch64 dynamic loader and C library (Debian's libc6-arm64-cross).</summary>
    public const string SysRoot = "/usr/aarch64-linux-gnu";

    /// <summary>Set (to 1) where the linux-arm64 tests must run, not skip: CI, which installs what they need.</summary>
    public const string RequiredVariable = "SCAFFOLDER_REQUIRE_ARM64";

    private Arm64Tool(FileInfo program) => Program = program;

    /// <summary>
    /// Why this machine cannot cross-compile the linux-arm64 package or run it, naming what is missing and the Debian
    /// package it comes from; null when it can.
    /// </summary>
    public static string? Missing { get; } = FindMissing();

    /// <summary>The native binary the package's command runs.</summary>
    public FileInfo Program { get; }

    /// <summary>The folder of the tool's files, as unpacked from the package.</summary>
    public DirectoryInfo Folder => Program.Directory!;

    public ProcessResult Run(params string[] arguments) =>
        ProcessRunner.Run("qemu-aarch64", ["-L", SysRoot, Program.FullName, .. arguments], timeout: TimeSpan.FromMinutes(2));

    /// <summary>Unpacks the package into <paramref name="folder"/> and finds the command named <c>scaffolder</c>.</summary>
    public static Arm64Tool Unpack(string package, string folder)
    {
        ZipFile.ExtractToDirectory(package, folder);
        var settings = Directory.GetFiles(folder, "DotnetToolSettings.xml", SearchOption.AllDirectories).Single();
        var command = XDocument.Load(settings).Descendants("Command").Single(element => (string?)element.Attribute("Name") == "scaffolder");
        if ((string?)command.Attribute("Runner") != "executable")
            throw new InvalidOperationException($"{package}: the command is not a native executable: {command}");
        var program = new FileInfo(Path.Combine(Path.GetDirectoryName(settings)!, (string)command.Attribute("EntryPoint")!));
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(program.FullName, File.GetUnixFileMode(program.FullName)
                | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return new Arm64Tool(program);
    }

    private static string? FindMissing()
    {
        if (RuntimeInformation.RuntimeIdentifier != "linux-x64")
            return $"the linux-arm64 package is cross-compiled on linux-x64 only, and this is {RuntimeInformation.RuntimeIdentifier}";
        var crossGcc = new DirectoryInfo("/usr/lib/gcc-cross/aarch64-linux-gnu");
        var missing = new (bool Present, string What)[]
        {
            (OnPath("clang"), "clang (Debian's clang)"),
            (OnPath("aarch64-linux-gnu-ld.bfd") && OnPath("aarch64-linux-gnu-objcopy"), "aarch64-linux-gnu-ld.bfd and -objcopy (binutils-aarch64-linux-gnu)"),
            (crossGcc.Exists && crossGcc.GetFiles("crtbeginS.o", SearchOption.AllDirectories).Length > 0, "the aarch64 GCC runtime (gcc-aarch64-linux-gnu)"),
            (File.Exists($"{SysRoot}/lib/Scrt1.o") && File.Exists($"{SysRoot}/lib/ld-linux-aarch64.so.1"), $"the aarch64 C library in {SysRoot} (libc6-dev-arm64-cross)"),
            (OnPath("qemu-aarch64"), "qemu-aarch64 (qemu-user)"),
        }.Where(check => !check.Present).Select(check => check.What).ToList();
        return missing.Count == 0 ? null
            : $"this machine cannot cross-compile or run the linux-arm64 package: missing {string.Join("; ", missing)}. "
              + "apt-get install clang gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user (as .ci/run does)";
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, command)));
}
