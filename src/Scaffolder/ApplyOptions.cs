using Scaffolder.Answers;

namespace Scaffolder.Cli;

/// <summary>What <c>scaffolder apply</c> was told on its command line.</summary>
/// <param name="AnswersFile">A YAML or JSON file of answers (for CI), weaker than flags, stronger than the record.</param>
/// <param name="Check">Write nothing; exit 1 when applying would change any file.</param>
/// <param name="Prune">Remove the files the answers no longer need, unless the user edited them.</param>
public sealed record ApplyOptions(string Path, PartialAnswers Answers, string? AnswersFile, bool Yes, bool DryRun, bool Check, bool Prune, bool Force);
