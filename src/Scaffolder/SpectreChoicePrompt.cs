using Scaffolder.Answers;
using Spectre.Console;

namespace Scaffolder.Cli;

/// <summary>Arrow-key selection in the terminal: each option with its one-line explanation, the recommended one first.</summary>
public sealed class SpectreChoicePrompt(IAnsiConsole console) : IChoicePrompt
{
    public string Choose(string question, IReadOnlyList<PromptOption> options, IReadOnlyList<string> notOffered)
    {
        var prompt = new SelectionPrompt<PromptOption>()
            .Title($"[bold]{Markup.Escape(question)}[/]{string.Concat(notOffered.Select(line => $"\n[grey]({Markup.Escape(line)})[/]"))}")
            .AddChoices(options)
            .UseConverter(Describe);
        var picked = console.Prompt(prompt);
        console.MarkupLineInterpolated($"{question} [green]{picked.Name}[/]");
        return picked.Name;
    }

    private static string Describe(PromptOption option) =>
        $"{Markup.Escape(option.Name)}{(option.Recommended ? " [green](recommended)[/]" : "")} [grey]- {Markup.Escape(option.Summary)}[/]";
}
