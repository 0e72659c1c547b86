using System.Text.RegularExpressions;
using Scaffolder.Answers;
using Scaffolder.Merging;

namespace Scaffolder.Dependencies;

/// <summary>
/// Reads how a project declares its dependencies from the files at its root: the managers' lock files, their tables
/// in pyproject.toml, Pipfile, requirements.txt with what it includes, and what they allow of Python.
/// </summary>
public sealed partial class DependencyDetector(Catalog.Catalog catalog)
{
    public const string Pyproject = "pyproject.toml";
    public const string Pipfile = "Pipfile";
    public const string Requirements = "requirements.txt";
    public const string RequirementsIn = "requirements.in";

    public ProjectDependencies Detect(string root)
    {
        var pyproject = ReadToml(root, Pyproject);
        var pipfile = ReadToml(root, Pipfile);
        var found = new List<ManagerEvidence>();
        foreach (var (name, facts) in catalog.Managers)
        {
            if (!ChoiceNames.TryParse<PackageManager>(name, out var manager))
                continue;
            if (facts.Lock.Length > 0 && File.Exists(Path.Combine(root, facts.Lock)))
                found.Add(new ManagerEvidence(manager, facts.Lock, Locked: true));
            else if (facts.ToolTable.Length > 0 && pyproject is not null && pyproject.HasTableOrBelow(facts.ToolTable))
                found.Add(new ManagerEvidence(manager, $"{Pyproject} [{facts.ToolTable}]", Locked: false));
            else if (facts.ConfigFile.Length > 0 && File.Exists(Path.Combine(root, facts.ConfigFile)))
                found.Add(new ManagerEvidence(manager, facts.ConfigFile, Locked: false));
        }

        var shape = Shape(pyproject);
        var requirementFiles = RequirementFiles(root);
        var pipTools = File.Exists(Path.Combine(root, RequirementsIn));
        // pip is what is left when no other manager's file is there.
        if (found.Count == 0)
        {
            if (pipTools)
                found.Add(new ManagerEvidence(PackageManager.Pip, RequirementsIn, Locked: false));
            else if (requirementFiles.Count > 0)
                found.Add(new ManagerEvidence(PackageManager.Pip, Requirements, Locked: false));
            else if (shape == PyprojectShape.ProjectTable)
                found.Add(new ManagerEvidence(PackageManager.Pip, $"{Pyproject} [project] dependencies", Locked: false));
        }
        return new ProjectDependencies(found, shape, requirementFiles, pipTools, PythonConstraints(root, pyproject, pipfile),
            [.. Declared(pyproject, shape), .. Keyed(pipfile, "packages")]);
    }

    private static IEnumerable<string> Declared(TomlText? pyproject, PyprojectShape shape) => shape switch
    {
        PyprojectShape.ProjectTable => pyproject!.Strings("project", "dependencies") ?? [],
        PyprojectShape.PoetryTable => Keyed(pyproject, "tool.poetry.dependencies"),
        _ => [],
    };

    /// <summary>A table of packages (Poetry 1, Pipfile) as name and version: <c>django = "^5.2"</c> is <c>django^5.2</c>.</summary>
    private static IEnumerable<string> Keyed(TomlText? file, string table) =>
        file?.Table(table)?.Items
            .Where(item => item.Key is not null)
            .Select(item => TomlText.KeyName(item.Key!) + ((item.Value as Tomlyn.Syntax.StringValueSyntax)?.Value ?? ""))
        ?? [];

    private static PyprojectShape Shape(TomlText? pyproject)
    {
        if (pyproject is null)
            return PyprojectShape.Absent;
        if (TomlText.Entry(pyproject.Table("project"), "dependencies") is not null)
            return PyprojectShape.ProjectTable;
        return pyproject.Table("tool.poetry.dependencies") is not null ? PyprojectShape.PoetryTable : PyprojectShape.NoDependencies;
    }

    /// <summary>requirements.txt, then each file it includes with -r (relative to the including file), each once.</summary>
    private static List<string> RequirementFiles(string root)
    {
        var files = new List<string>();
        var queue = new Queue<string>([Requirements]);
        while (queue.Count > 0)
        {
            var relative = queue.Dequeue();
            var path = Path.Combine(root, relative);
            if (files.Contains(relative) || !File.Exists(path))
                continue;
            var full = Path.GetFullPath(path);
            if (!full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                continue;
            files.Add(relative);
            foreach (var line in TextLines.Parse(Read(path)).Lines)
            {
                var include = Include().Match(line);
                if (include.Success)
                {
                    var folder = Path.GetDirectoryName(relative) ?? "";
                    queue.Enqueue(Path.GetRelativePath(root, Path.Combine(root, folder, include.Groups["file"].Value)).Replace('\\', '/'));
                }
            }
        }
        return files;
    }

    private static List<PythonConstraint> PythonConstraints(string root, TomlText? pyproject, TomlText? pipfile)
    {
        var constraints = new List<PythonConstraint>();
        var versionFile = Path.Combine(root, PythonConstraint.VersionFile);
        if (File.Exists(versionFile)
            && TextLines.Parse(Read(versionFile)).Lines.Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0 && !line.StartsWith('#')) is { } version)
        {
            constraints.Add(new PythonConstraint(PythonConstraint.VersionFile, version));
        }
        if (pyproject?.String("project", "requires-python") is { } requires)
            constraints.Add(new PythonConstraint($"{Pyproject} requires-python", requires));
        if (pyproject?.String("tool.poetry.dependencies", "python") is { } poetry)
            constraints.Add(new PythonConstraint($"{Pyproject} [tool.poetry.dependencies] python", poetry));
        if (pipfile?.String("requires", "python_version") is { } pipenv)
            constraints.Add(new PythonConstraint($"{Pipfile} python_version", pipenv));
        else if (pipfile?.String("requires", "python_full_version") is { } full)
            constraints.Add(new PythonConstraint($"{Pipfile} python_full_version", full));
        return constraints;
    }

    private static TomlText? ReadToml(string root, string name)
    {
        var path = Path.Combine(root, name);
        return File.Exists(path) ? TomlText.Parse(name, Read(path)) : null;
    }

    private static string Read(string path)
    {
        try
        {
            return TextFile.Read(path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UserError($"cannot read {path} ({e.Message}); check its permissions");
        }
    }

    [GeneratedRegex("""^\s*(?:-r|--requirement)(?:\s+|=)(?<file>\S+)""")]
    private static partial Regex Include();
}
