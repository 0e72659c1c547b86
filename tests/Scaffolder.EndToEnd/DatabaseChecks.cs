namespace Scaffolder.EndToEnd;

/// <summary>Checks of how a deployment reaches its database and reads its environment, beside the web checks.</summary>
public static class DatabaseChecks
{
    /// <summary>
    /// Whether the overlay must require TLS to the database on the scenario's (final) host: the hosts whose
    /// databases are reached outside a private network. Stated here on its own, not read from the catalog.
    /// </summary>
    public static bool TlsExpected(Scenario scenario) => (scenario.SwitchTo ?? scenario.Host, scenario.Database) switch
    {
        // Kubernetes: a managed database outside the cluster.
        ("heroku" or "fly" or "digitalocean" or "azure-container-apps" or "kubernetes", "postgres" or "mysql") => true,
        ("render", "mysql") => true,
        _ => false,
    };

    /// <summary>
    /// The suite's PostgreSQL speaks TLS and meets sslmode=require for real. Its MySQL client cannot be asked: Debian
    /// ships mysqlclient 1.4.6, which predates the ssl_mode option the overlay passes (the pinned mysqlclient 2.3
    /// has it), so MySQL deployments opt out the way a user would, and <see cref="CheckDatabaseTls"/> checks what
    /// the settings ask of the driver without the opt-out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DatabaseTlsOverride(Scenario scenario) =>
        scenario.Database == "mysql" && TlsExpected(scenario)
            ? new Dictionary<string, string> { ["DJANGO_DATABASE_TLS"] = "False" }
            : new Dictionary<string, string>();

    public static void CheckDatabaseTls(Chroot chroot, string folder, Scenario scenario, IReadOnlyDictionary<string, string> platform)
    {
        var expected = TlsExpected(scenario);
        switch (scenario.Database)
        {
            case "postgres":
            {
                var line = Printed(chroot, folder, platform,
                    "from django.db import connection as c; cur = c.cursor(); "
                    + "cur.execute('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'); "
                    + "print('tls', c.settings_dict['OPTIONS'].get('sslmode'), cur.fetchone()[0])");
                var fine = expected ? line == "tls require True" : line.StartsWith("tls None ", StringComparison.Ordinal);
                if (!fine)
                    throw new StepFailed($"the connection reported '{line}', not {(expected ? "sslmode=require over TLS" : "no sslmode of the settings' own")}");
                break;
            }
            case "mysql":
            {
                var defaults = platform.Where(pair => pair.Key != "DJANGO_DATABASE_TLS").ToDictionary();
                var line = Printed(chroot, folder, defaults,
                    "from django.conf import settings; print('tls', settings.DATABASES['default']['OPTIONS'].get('ssl_mode'))");
                if (line != (expected ? "tls REQUIRED" : "tls None"))
                    throw new StepFailed($"the settings ask the MySQL driver for '{line}', not ssl_mode {(expected ? "REQUIRED" : "unset")}");
                break;
            }
        }
    }

    /// <summary>
    /// What compose gives the web container: the image's ENV overridden by the local .env (env_file), with the object
    /// store's variables filled in as a user would. An empty value there would override the image's own.
    /// </summary>
    public static void CheckComposeEnvironment(Chroot chroot, string folder, IReadOnlyDictionary<string, string> image, IReadOnlyDictionary<string, string> storage)
    {
        var environment = image.Where(pair => pair.Key != "PATH").ToDictionary();
        foreach (var (key, value) in storage)
            environment[key] = value;
        foreach (var line in File.ReadAllLines(chroot.HostPath($"{folder}/.env")))
        {
            if (line.StartsWith('#') || !line.Contains('='))
                continue;
            var split = line.IndexOf('=');
            environment[line[..split]] = line[(split + 1)..];
        }
        chroot.Check(folder, "python3 manage.py check", environment);
    }

    private static string Printed(Chroot chroot, string folder, IReadOnlyDictionary<string, string> environment, string python)
    {
        var result = chroot.Check(folder, $"python3 manage.py shell -c \"{python}\"", environment);
        return result.Output.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith("tls ", StringComparison.Ordinal))
            ?? throw new StepFailed($"the database check printed nothing:\n{result.Tail()}");
    }
}
