namespace Scaffolder.Answers;

/// <summary>One option of a question, as a prompt shows it.</summary>
public sealed record PromptOption(string Name, string Summary, bool Recommended);

/// <summary>Asks the user to pick one option; the console implementation uses arrow-key selection.</summary>
public interface IChoicePrompt
{
    /// <param name="notOffered">Why each choice left out of <paramref name="options"/> is not offered here, one line each.</param>
    /// <returns>The <see cref="PromptOption.Name"/> picked.</returns>
    string Choose(string question, IReadOnlyList<PromptOption> options, IReadOnlyList<string> notOffered);
}
