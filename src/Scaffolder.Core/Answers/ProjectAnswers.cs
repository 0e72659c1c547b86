namespace Scaffolder.Answers;

/// <summary>The complete set of choices an overlay is rendered from.</summary>
/// <param name="Host">The name of a host folder of the catalog (templates/hosts/NAME).</param>
/// <param name="Packages">The dependency manager: where the overlay's packages are declared and how the image installs them.</param>
public sealed record ProjectAnswers(string Host, Database Database, Storage Storage, Server Server, string Python,
    PackageManager Packages = PackageManager.Pip);

/// <summary>What the user said so far: a flag or a prompt answer; <c>null</c> where nothing was said.</summary>
public sealed record PartialAnswers(string? Host, Database? Database, Storage? Storage, Server? Server, string? Python,
    PackageManager? Packages = null)
{
    public static PartialAnswers None { get; } = new(null, null, null, null, null);

    /// <summary>These answers, with what they leave open taken from <paramref name="weaker"/>.</summary>
    public PartialAnswers Or(PartialAnswers weaker) => new(
        Host ?? weaker.Host, Database ?? weaker.Database, Storage ?? weaker.Storage, Server ?? weaker.Server, Python ?? weaker.Python,
        Packages ?? weaker.Packages);

    public static PartialAnswers From(ProjectAnswers answers) =>
        new(answers.Host, answers.Database, answers.Storage, answers.Server, answers.Python, answers.Packages);
}
