using Scaffolder.Catalog;
using Scaffolder.Cli;
using Spectre.Console.Testing;

namespace Scaffolder.Tests.Support;

/// <summary>One run of the command line in process, with what it printed.</summary>
public sealed record CliRun(ExitCode ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => Of(new TestConsole(), args);

    public static CliRun Of(TestConsole console, params string[] args) => Of(console, TemplateSource.Embedded, args);

    public static CliRun Of(TemplateSource templates, params string[] args) => Of(new TestConsole(), templates, args);

    public static CliRun Of(TestConsole console, TemplateSource templates, params string[] args)
    {
        console.Profile.Width = 4096;
        var error = new StringWriter();
        var exitCode = Program.Run(args, console, error, templates);
        return new CliRun(exitCode, console.Output, error.ToString());
    }
}
