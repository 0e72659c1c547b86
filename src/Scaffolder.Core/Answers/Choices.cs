namespace Scaffolder.Answers;

/// <summary>Which database <c>DATABASE_URL</c> points at.</summary>
public enum Database { Postgres, Mysql, Sqlite }

/// <summary>Where static and uploaded files live.</summary>
public enum Storage { Whitenoise, S3, Gcs, Azure }

/// <summary>Which application server runs Django.</summary>
public enum Server { Gunicorn, Uvicorn }

/// <summary>How the project declares and installs its dependencies (catalog.toml <c>[managers.NAME]</c>).</summary>
public enum PackageManager { Uv, Poetry, Pipenv, Pdm, Pip }

/// <summary>The spelling of choices on the command line, in answers and in templates: lower case.</summary>
public static class ChoiceNames
{
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static IReadOnlyList<string> All<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(Name)];

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        return text is not null
            && All<T>().Contains(text)
            && Enum.TryParse(text, ignoreCase: true, out value);
    }
}
