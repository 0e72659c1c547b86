using Scaffolder.Merging;

namespace Scaffolder.Rendering;

/// <param name="Path">Relative to the project root, with forward slashes.</param>
/// <param name="HoldsSecrets">Written with mode 0600, never printed, never recorded.</param>
public sealed record RenderedFile(string Path, string Content, MergeStrategy Merge, bool HoldsSecrets)
{
    /// <summary>The user's own file of this name, one Scaffolder never wrote, is kept as it is (.python-version).</summary>
    public bool KeepsUsers { get; init; }
}

/// <summary>Everything rendered for one apply: the files and what the user should do next.</summary>
public sealed record Overlay(IReadOnlyList<RenderedFile> Files, string NextSteps)
{
    /// <summary>How the project's packages are declared and locked.</summary>
    public DependenciesModel? Dependencies { get; init; }

    /// <summary>The overlay's packages, as PEP 508 strings.</summary>
    public IReadOnlyList<string> Requirements { get; init; } = [];
}
