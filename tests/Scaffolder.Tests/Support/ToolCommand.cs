namespace Scaffolder.Tests.Support;

/// <summary>How to start the tool as a program of its own: the file to run and the words before the tool's arguments.</summary>
public sealed record ToolCommand(string FileName, IReadOnlyList<string> Prefix)
{
    /// <summary>The tool as built beside the tests, run by the dotnet host.</summary>
    public static ToolCommand Built { get; } = new("dotnet", [Path.Combine(AppContext.BaseDirectory, "scaffolder.dll")]);
}
