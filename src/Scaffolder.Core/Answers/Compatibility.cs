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

    /// <summary>A problem no flag can override, since the files cannot be rendered; null when there is none.</summary>
    public static string? Blocker(DjangoProject project, ProjectAnswers answers)
    {
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

    /// <summary>SQLite needs a disk that outlives a deploy: the app's own, or a volume the host's manifest mounts for it.</summary>
    public static string? SqliteProblem(HostInfo host, Database database)
    {
        if (database != Database.Sqlite)
            return null;
        if (host.RunsReplicas)
            return $"SQLite keeps its data in one file on one disk, and the {host.Name} manifest runs several replicas of the app at once, "
                + "which cannot share it; choose --database postgres";
        if (host.DiskSurvivesDeploy || host.SqliteVolume.Length > 0)
            return null;
        var noVolume = host.OffersVolumes
            ? $"and Scaffolder's {host.Name} manifest mounts no volume for it"
            : $"and {host.Name} has no volumes";
        return $"SQLite keeps its data on local disk, which {host.Name} wipes on every deploy, {noVolume}; choose --database postgres";
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
