using Scaffolder.Catalog;
using Scaffolder.Detection;

namespace Scaffolder.Answers;

/// <summary>Combinations of answers and project that cannot work, each with the reason and the way out.</summary>
public static class Compatibility
{
    /// <summary>Problems that <c>--force</c> may override: the files render, but the deployment would suffer.</summary>
    public static IReadOnlyList<string> Problems(Catalog.Catalog catalog, DjangoProject project, ProjectAnswers answers)
    {
        var problems = new List<string>();
        if (SqliteProblem(catalog.Host(answers.Host), answers.Database) is { } sqlite)
            problems.Add(sqlite);

        if (BuildProblem(catalog, project, answers) is { } build)
            problems.Add(build);

        var newestPython = NewestPython(catalog, project.Django);
        if (newestPython is null)
        {
            problems.Add(
                $"Django {project.Django.Line} is past its end of life and supports none of Python "
                + $"{catalog.Python[0]}–{catalog.NewestPython}; upgrade to Django {catalog.Django[0].Line} or later");
        }
        else if (Version.Parse(answers.Python) > Version.Parse(newestPython))
        {
            problems.Add(
                $"Django {project.Django.Line} supports Python up to {newestPython}; choose --python {newestPython} or upgrade Django");
        }
        return problems;
    }

    /// <summary>Why no Python can be chosen: the project's files allow none that its Django supports.</summary>
    public static string NoPythonAllowed(Catalog.Catalog catalog, DjangoProject project)
    {
        var newest = NewestPython(catalog, project.Django) ?? catalog.Python[0];
        var supported = catalog.Python.Where(line => Version.Parse(line) <= Version.Parse(newest)).ToList();
        var constraints = string.Join(" and ", project.Dependencies.Python.Select(constraint => $"{constraint.Source} ({constraint.Text})"));
        return $"{constraints} {(project.Dependencies.Python.Count == 1 ? "excludes" : "exclude")} every Python that Django {project.Django.Line} supports "
            + $"here ({string.Join(", ", supported)}); change {(project.Dependencies.Python.Count == 1 ? "it" : "them")} to allow one of those";
    }

    /// <summary>A problem no flag can override, since the files cannot be rendered; null when there is none.</summary>
    public static string? Blocker(DjangoProject project, ProjectAnswers answers)
    {
        // The project's own files say which Python it runs on: the image and the host must agree with them.
        if (project.Dependencies.Python.FirstOrDefault(constraint => !Dependencies.PythonSpecifier.Allows(constraint, answers.Python)) is { } excluding)
        {
            var fix = excluding.Source == Dependencies.PythonConstraint.VersionFile
                ? $"choose --python {Dependencies.PythonSpecifier.Pinned(excluding.Text)} or change {excluding.Source}"
                : $"choose another --python or change {excluding.Source}";
            return $"Python {answers.Python} is excluded by {excluding.Source} ({excluding.Text}); {fix}";
        }
        if (answers.Server == Server.Uvicorn && project.AsgiApplication is null)
        {
            return "--server uvicorn needs an ASGI application, and the project has no asgi.py beside wsgi.py; "
                + "add one (startproject writes it) or choose --server gunicorn";
        }
        // Before STORAGES, django-storages' settings were global: uploads and static files shared one bucket's access.
        if (answers.Storage != Storage.Whitenoise && !project.Django.AtLeast(4, 2))
        {
            return $"--storage {ChoiceNames.Name(answers.Storage)} needs Django 4.2 or later, whose STORAGES setting keeps "
                + $"uploads private apart from the public static files; the project targets Django {project.Django.Line}: "
                + "upgrade Django or choose --storage whitenoise";
        }
        return null;
    }

    /// <summary>A host that builds from the repository must know the project's dependency manager; null when it does.</summary>
    public static string? BuildProblem(Catalog.Catalog catalog, DjangoProject project, ProjectAnswers answers)
    {
        var host = catalog.Host(answers.Host);
        if (host.Install.Count == 0)
            return null;
        var manager = ChoiceNames.Name(answers.Packages);
        var label = catalog.Manager(manager).Label;
        var builds = string.Join(", ", host.Install.Keys.Select(name => catalog.Manager(name).Label));
        if (!host.Install.ContainsKey(manager))
            return $"{host.Label}'s own build installs {builds} projects, not {label}; choose --packages with one of those (or a host that builds the Dockerfile)";
        if (host.OneManagerFile)
        {
            // The file each manager is picked by: its lock, or requirements.txt for pip.
            var present = host.Install.Keys
                .Select(name => name == "pip" ? "requirements.txt" : catalog.Manager(name).Lock)
                .Where(file => file.Length > 0 && File.Exists(Path.Combine(project.Root, file)))
                .ToList();
            var ours = answers.Packages == PackageManager.Pip ? "requirements.txt" : catalog.Manager(manager).Lock;
            if (present.Count > 1 && present.Contains(ours))
            {
                var others = present.Where(file => file != ours).ToList();
                return $"{host.Label}'s build refuses a repository with both {string.Join(" and ", present)}; the project uses {label}: "
                    + $"delete {string.Join(" and ", others)} (or stop committing {(others.Count == 1 ? "it" : "them")})";
            }
        }
        var model = Rendering.TemplateModelFactory.DependenciesOf(catalog, project, answers);
        if (answers.Packages == PackageManager.Pip && model.DeclaredIn == "pyproject")
            return $"{host.Label}'s own build installs pip projects from requirements.txt, and this one declares its packages in pyproject.toml; "
                + "lock them with uv (uv lock, then --packages uv) or Poetry, or list them in requirements.txt";
        return null;
    }

    /// <summary>SQLite needs a disk that outlives a deploy: the app's own, or a volume the host's manifest mounts for it.</summary>
    public static string? SqliteProblem(HostInfo host, Database database)
    {
        if (database != Database.Sqlite)
            return null;
        if (host.RunsReplicas)
            return $"SQLite keeps its data in one file on one disk, and the {host.Label} manifest runs several replicas of the app at once, "
                + "which cannot share it; choose --database postgres";
        if (host.DiskSurvivesDeploy || host.SqliteVolume.Length > 0)
            return null;
        var noVolume = host.OffersVolumes
            ? $"and Scaffolder's {host.Label} manifest mounts no volume for it"
            : $"and {host.Label} has no volumes";
        return $"SQLite keeps its data on local disk, which {host.Label} wipes on every deploy, {noVolume}; choose --database postgres";
    }

    /// <summary>The newest Python the project's Django line supports, or null for a line older than any known.</summary>
    public static string? NewestPython(Catalog.Catalog catalog, DetectedDjango django)
    {
        if (catalog.FindLine(django.Line) is { } known)
            return known.PythonMax;
        var newestKnown = catalog.Django.Max(line => Version.Parse(line.Line))!;
        return django.Comparable > newestKnown ? catalog.NewestPython : null;
    }
}
