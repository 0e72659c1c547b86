namespace Scaffolder.Rendering;

/// <summary>How a rendered file meets a file of the same name that already exists.</summary>
public enum MergeStrategy
{
    /// <summary>The file is ours as a whole: an existing different file is a conflict.</summary>
    Replace,
    /// <summary>requirements.txt: missing packages are added, the user's lines kept.</summary>
    Requirements,
    /// <summary>.env: missing keys are added, existing values never changed.</summary>
    Env,
    /// <summary>.gitignore, .dockerignore: missing lines are added.</summary>
    Lines,
}

/// <param name="Path">Relative to the project root, with forward slashes.</param>
/// <param name="HoldsSecrets">Written with mode 0600, never printed, never recorded.</param>
public sealed record RenderedFile(string Path, string Content, MergeStrategy Merge, bool HoldsSecrets);

/// <summary>Everything rendered for one apply: the files and what the user should do next.</summary>
public sealed record Overlay(IReadOnlyList<RenderedFile> Files, string NextSteps);
