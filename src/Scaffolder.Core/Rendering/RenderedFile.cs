using Scaffolder.Merging;

namespace Scaffolder.Rendering;

/// <param name="Path">Relative to the project root, with forward slashes.</param>
/// <param name="HoldsSecrets">Written with mode 0600, never printed, never recorded.</param>
public sealed record RenderedFile(string Path, string Content, MergeStrategy Merge, bool HoldsSecrets);

/// <summary>Everything rendered for one apply: the files and what the user should do next.</summary>
public sealed record Overlay(IReadOnlyList<RenderedFile> Files, string NextSteps);
