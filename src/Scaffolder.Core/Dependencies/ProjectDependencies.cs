using Scaffolder.Answers;

namespace Scaffolder.Dependencies;

/// <summary>What a project's files say about how it declares its dependencies, read without running any tool.</summary>
/// <param name="Found">Each dependency manager the files point to, with the file that says so (the lock first).</param>
/// <param name="Pyproject">Where pyproject.toml lists the packages, when it exists.</param>
/// <param name="RequirementFiles">requirements.txt and every file it includes with <c>-r</c>, in the order pip reads them.</param>
/// <param name="PipTools">requirements.in is there: pip-tools compiles requirements.txt from it.</param>
/// <param name="Python">What the files allow of Python, each with the file it comes from.</param>
/// <param name="Declared">The packages pyproject.toml and Pipfile declare, as requirement strings (<c>django&gt;=5.2</c>;
/// a Poetry or Pipfile key as its name and version, <c>django^5.2</c>).</param>
public sealed record ProjectDependencies(
    IReadOnlyList<ManagerEvidence> Found,
    PyprojectShape Pyproject,
    IReadOnlyList<string> RequirementFiles,
    bool PipTools,
    IReadOnlyList<PythonConstraint> Python,
    IReadOnlyList<string> Declared)
{
    public static ProjectDependencies None { get; } = new([], PyprojectShape.Absent, [], false, [], []);

    /// <summary>These dependencies without what <paramref name="written"/> files say: a .python-version Scaffolder wrote is
    /// an answer it recorded, not a constraint of the user's.</summary>
    public ProjectDependencies Without(IEnumerable<string> written)
    {
        var ours = written.ToHashSet(StringComparer.Ordinal);
        return this with { Python = [.. Python.Where(constraint => !ours.Contains(constraint.Source))] };
    }

    /// <summary>The user's own .python-version, if any (the first of <see cref="Python"/> from that file).</summary>
    public PythonConstraint? PythonVersionFile => Python.FirstOrDefault(constraint => constraint.Source == PythonConstraint.VersionFile);
}

/// <summary>A dependency manager the project's files point to.</summary>
/// <param name="File">The file that says so: its lock, its table in pyproject.toml (<c>pyproject.toml [tool.uv]</c>), its own file.</param>
/// <param name="Locked">The evidence is the manager's lock file.</param>
public sealed record ManagerEvidence(PackageManager Manager, string File, bool Locked);

/// <summary>Where pyproject.toml keeps the project's packages.</summary>
public enum PyprojectShape
{
    /// <summary>No pyproject.toml.</summary>
    Absent,
    /// <summary>pyproject.toml without packages: neither [project] dependencies nor [tool.poetry.dependencies].</summary>
    NoDependencies,
    /// <summary>PEP 621: <c>[project] dependencies = [...]</c> (uv, PDM, Poetry 2, pip).</summary>
    ProjectTable,
    /// <summary>Poetry 1: <c>[tool.poetry.dependencies]</c>, one key per package.</summary>
    PoetryTable,
}

/// <summary>A constraint on the Python version, as a file states it.</summary>
/// <param name="Source">Where it is stated, e.g. <c>.python-version</c> or <c>pyproject.toml requires-python</c>.</param>
/// <param name="Text">As written: <c>3.13</c>, <c>&gt;=3.12</c>, <c>^3.12</c>.</param>
public sealed record PythonConstraint(string Source, string Text)
{
    public const string VersionFile = ".python-version";
}
