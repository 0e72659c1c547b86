namespace Scaffolder.EndToEnd;

/// <summary>
/// The backing services of the suite, each a private instance on its own loopback port with its data in the
/// suite's work folder: PostgreSQL and MariaDB from Debian, s3rver for S3 and azurite for Azure Blob Storage.
/// Started once, each in a process group of its own, and stopped with their groups at the end.
/// </summary>
public sealed class Services : IDisposable
{
    public const int PostgresPort = 55432;
    public const int MariaDbPort = 53306;
    public const int S3Port = 54568;
    public const int AzuritePort = 50000;

    public const string S3Key = "S3RVER";
    public const string AzuriteAccount = "devstoreaccount1";
    // Azurite's fixed, published development key.
    public const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly List<ServerProcess> _servers = [];
    private readonly string _work;
    private readonly Commands _commands;

    public Services(string work, string emulators, Commands commands, RunRecord record)
    {
        _work = work;
        _commands = commands;
        foreach (var port in new[] { PostgresPort, MariaDbPort, S3Port, AzuritePort })
            record.PortHandedOut(port);
        try
        {
            StartPostgres();
            StartMariaDb();
            StartEmulator("s3rver", Path.Join(emulators, "s3rver"),
                ["--directory", Folder("s3"), "--address", "127.0.0.1", "--port", S3Port.ToString(), "--silent"], S3Port);
            StartEmulator("azurite", Path.Join(emulators, "azurite-blob"),
                ["--location", Folder("azurite"), "--blobHost", "127.0.0.1", "--blobPort", AzuritePort.ToString(), "--silent", "--skipApiVersionCheck", "--loose"],
                AzuritePort);
        }
        catch
        {
            // No caller holds what a failed constructor made: stop the servers already running here.
            Dispose();
            throw;
        }
    }

    public static string AzureConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteAccount};AccountKey={AzuriteKey};BlobEndpoint=http://127.0.0.1:{AzuritePort}/{AzuriteAccount};";

    public IEnumerable<ServerProcess> Servers => _servers;

    /// <returns>The new database's URL.</returns>
    public string CreateDatabase(string database, string name)
    {
        switch (database)
        {
            case "postgres":
                Psql($"CREATE DATABASE {name}");
                return $"postgres://postgres@127.0.0.1:{PostgresPort}/{name}";
            case "mysql":
                MariaDb($"CREATE DATABASE {name} CHARACTER SET utf8mb4");
                return $"mysql://root@127.0.0.1:{MariaDbPort}/{name}";
            default:
                throw new ArgumentOutOfRangeException(nameof(database), database, "no server database");
        }
    }

    public void DropDatabase(string database, string name)
    {
        if (database == "postgres")
            Psql($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        else if (database == "mysql")
            MariaDb($"DROP DATABASE IF EXISTS {name}");
    }

    /// <summary>
    /// How many sessions ended without the client closing them (its process gone with the connection open): for
    /// PostgreSQL those of the database <paramref name="name"/>, for MariaDB the server's count, as the suite runs one
    /// scenario at a time. Read once the database has no session left (<see cref="WaitUntilNoSessions"/>).
    /// </summary>
    public long AbandonedSessions(string database, string name) => database switch
    {
        "postgres" => long.Parse(Psql($"SELECT sessions_abandoned FROM pg_stat_database WHERE datname = '{name}'", quiet: true).Output.Trim()),
        "mysql" => long.Parse(MariaDb("SHOW GLOBAL STATUS LIKE 'Aborted_clients'", quiet: true).Output.Split('\t')[1].Trim()),
        _ => throw new ArgumentOutOfRangeException(nameof(database), database, "no server database"),
    };

    /// <summary>Waits until no session of the database <paramref name="name"/> is left: its server closes those of a stopped client in its own time.</summary>
    public void WaitUntilNoSessions(string database, string name, TimeSpan timeout)
    {
        var sql = database == "postgres"
            ? $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{name}'"
            : $"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '{name}'";
        var deadline = DateTime.UtcNow + timeout;
        string open;
        while ((open = (database == "postgres" ? Psql(sql, quiet: true) : MariaDb(sql, quiet: true)).Output.Trim()) != "0")
        {
            if (DateTime.UtcNow > deadline)
                throw new StepFailed($"{open} sessions of the database {name} still open {timeout.TotalSeconds:0} s after the server stopped");
            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        foreach (var server in Enumerable.Reverse(_servers))
            server.Dispose();
    }

    private void StartPostgres()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(path => path).First() + "/bin";
        var data = Folder("postgres");
        // The hosts' databases speak TLS, and the overlay requires it there: so does this one.
        var tls = PostgresTls.Create(Folder("postgres-tls"));
        // PostgreSQL refuses to run as root: its folders and process belong to the postgres user.
        _commands.Check("chown", "-R", "postgres:postgres", data, Path.GetDirectoryName(tls.KeyFile)!);
        _commands.Check("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--", $"{bin}/initdb",
            "-D", data, "-A", "trust", "-U", "postgres", "--no-sync");
        var server = _commands.Start("postgres", "setpriv",
            ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", $"{bin}/postgres", "-D", data,
             "-h", "127.0.0.1", "-p", PostgresPort.ToString(), "-k", data, "-c", "fsync=off", .. tls.ServerArguments],
            Path.Join(_work, "postgres.log"));
        _servers.Add(server);
        server.WaitForPort(PostgresPort, TimeSpan.FromSeconds(30));
    }

    private void StartMariaDb()
    {
        var data = Folder("mariadb");
        _commands.Check("mariadb-install-db", "--no-defaults", $"--datadir={data}", "--user=root", "--auth-root-authentication-method=normal");
        var server = _commands.Start("mariadb", "mariadbd",
            ["--no-defaults", $"--datadir={data}", "--user=root", "--bind-address=127.0.0.1", $"--port={MariaDbPort}",
             $"--socket={data}/mariadb.sock", "--skip-name-resolve", "--innodb-flush-log-at-trx-commit=0"],
            Path.Join(_work, "mariadb.log"));
        _servers.Add(server);
        server.WaitForPort(MariaDbPort, TimeSpan.FromSeconds(30));
        // With name resolution off, a loopback client is root@127.0.0.1, which the install did not create.
        _commands.Check("mariadb", "--no-defaults", $"--socket={data}/mariadb.sock", "-u", "root", "-e",
            "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;");
    }

    private void StartEmulator(string name, string program, string[] arguments, int port)
    {
        var server = _commands.Start(name, program, arguments, Path.Join(_work, $"{name}.log"));
        _servers.Add(server);
        server.WaitForPort(port, TimeSpan.FromSeconds(60));
    }

    /// <param name="quiet">Values only (no headers, no alignment), for a query whose answer is read.</param>
    private CommandResult Psql(string sql, bool quiet = false) =>
        _commands.Check("psql", ["-h", "127.0.0.1", "-p", PostgresPort.ToString(), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
            .. quiet ? ["-A", "-t"] : Array.Empty<string>(), "-c", sql]);

    /// <param name="quiet">Values only (no column names, tab-separated), for a query whose answer is read.</param>
    private CommandResult MariaDb(string sql, bool quiet = false) =>
        _commands.Check("mariadb", ["--no-defaults", "-h", "127.0.0.1", "-P", MariaDbPort.ToString(), "-u", "root",
            .. quiet ? ["-N", "-B"] : Array.Empty<string>(), "-e", sql]);

    private string Folder(string name)
    {
        var folder = Path.Join(_work, name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
