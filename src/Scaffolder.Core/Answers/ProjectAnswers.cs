namespace Scaffolder.Answers;

/// <summary>The complete set of choices an overlay is rendered from.</summary>
public sealed record ProjectAnswers(Host Host, Database Database, Storage Storage, Server Server, string Python);

/// <summary>What the user said so far: a flag or a prompt answer; <c>null</c> where nothing was said.</summary>
public sealed record PartialAnswers(Host? Host, Database? Database, Storage? Storage, Server? Server, string? Python)
{
    public static PartialAnswers None { get; } = new(null, null, null, null, null);
}
