using Scaffolder.Answers;

namespace Scaffolder.Cli;

/// <summary>What <c>scaffolder apply</c> was told on its command line.</summary>
public sealed record ApplyOptions(string Path, PartialAnswers Answers, bool Yes, bool DryRun, bool Force);
