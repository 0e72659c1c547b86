using Scaffolder.Answers;
using Scaffolder.Catalog;
using Scaffolder.Detection;

namespace Scaffolder.Rendering;

/// <summary>
/// What templates see, as <c>project</c>, <c>answers</c>, <c>commands</c> and so on (snake_case in templates);
/// <c>host</c>, <c>database</c> and <c>storage</c> are the catalog's facts about the choices; <c>database_tls</c> says
/// whether the chosen database is reached over TLS by default there; <c>host_private_files</c> are the paths of the host's
/// own files that hold secrets (.gitignore and .dockerignore name them).
/// </summary>
public sealed record TemplateModel(
    ProjectModel Project,
    AnswersModel Answers,
    DjangoModel Django,
    CommandsModel Commands,
    OverlaySecrets Secrets,
    Catalog.Catalog Catalog,
    IReadOnlyList<string> Requirements,
    IReadOnlyList<RequirementModel> RequirementEntries,
    DependenciesModel Dependencies,
    IReadOnlyList<StorageVariable> StorageVariables,
    IReadOnlyList<string> RequiredStorageVariables,
    HostInfo Host,
    IReadOnlyList<string> HostPrivateFiles,
    StorageFacts Storage,
    DatabaseFacts Database,
    bool DatabaseTls,
    bool CollectstaticAtBuild,
    string? DatabaseUrlLocal,
    string? DatabaseUrlCompose,
    string DatabaseUrlExample);

/// <param name="Package">The top-level package that holds the settings, e.g. <c>mysite</c>.</param>
/// <param name="AppName">A name fit for a host's app or service: lower case, digits and dashes.</param>
/// <param name="DatabaseName">A name fit for a database and its user: lower case, digits and underscores.</param>
/// <param name="Application">The dotted path of the project's WSGI or ASGI callable the chosen server needs.</param>
/// <param name="ApplicationModule">That callable's module, e.g. <c>mysite.wsgi</c>.</param>
/// <param name="EntryModule">The module the overlay adds beside it, which the server runs: the callable behind a
/// request-size check (<c>mysite.production_wsgi</c> or <c>mysite.production_asgi</c>).</param>
/// <param name="EntryModulePath">That module's file, relative to the project root.</param>
/// <param name="RepositoryFolder">Where the project (manage.py's folder) sits below its git repository's root, e.g.
/// <c>mysite</c>; empty when it is the repository's root. A host that builds the repository reads the folder from it.</param>
public sealed record ProjectModel(
    string Package,
    string AppName,
    string DatabaseName,
    string BaseSettingsModule,
    string ProductionSettingsModule,
    string ProductionSettingsPath,
    int ProductionSettingsDepth,
    bool DefinesBaseDir,
    string Application,
    string ApplicationModule,
    string EntryModule,
    string EntryModulePath,
    string RepositoryFolder);

public sealed record AnswersModel(string Host, string Database, string Storage, string Server, string Python, string Packages);

/// <summary>One of the overlay's packages: as a PEP 508 string, and as a table entry's name, extras and version (Pipfile).</summary>
public sealed record RequirementModel(string Text, string Name, IReadOnlyList<string> Extras, string Specifier, string TableValue);

/// <summary>
/// How the project declares its dependencies and how they are installed.
/// </summary>
/// <param name="Manager">The dependency manager: uv, poetry, pipenv, pdm or pip.</param>
/// <param name="DeclaredIn">The kind of file its packages are declared in: requirements, pyproject or pipfile.</param>
/// <param name="File">That file: requirements.txt (requirements.in with pip-tools), pyproject.toml or Pipfile.</param>
/// <param name="Lock">The manager's lock file (empty for none); requirements.txt with pip-tools.</param>
/// <param name="LockCommand">The command that brings the lock up to date.</param>
/// <param name="RequirementFiles">requirements.txt and the files it includes: what the image copies before installing.</param>
/// <param name="PoetryTable">Poetry 1: the packages are in [tool.poetry.dependencies].</param>
public sealed record DependenciesModel(
    string Manager, string Label, string DeclaredIn, string File, string Lock, string LockCommand,
    IReadOnlyList<string> RequirementFiles, bool PoetryTable, string Image, string Tool);

/// <summary>
/// What the project's Django release supports: STORAGES (4.2), CONN_HEALTH_CHECKS (4.1), MAILERS (6.1),
/// ADMINS as plain addresses and the Content Security Policy middleware (6.0).
/// </summary>
public sealed record DjangoModel(
    bool StoragesSetting, bool ConnHealthChecks, bool Mailers,
    bool AdminsAsAddresses, bool ContentSecurityPolicy);

/// <summary>
/// The commands a host runs: the web process, and the release step before each deploy takes traffic.
/// <see cref="Web"/> and <see cref="Release"/> expect DJANGO_SETTINGS_MODULE in the environment (the image's ENV,
/// a host's config var); the Procfile's variants name the production settings themselves.
/// </summary>
public sealed record CommandsModel(string Web, string Release, string ProcfileWeb, string ProcfileRelease);

public static class TemplateModelFactory
{
    public static TemplateModel Create(
        Catalog.Catalog catalog, DjangoProject project, ProjectAnswers answers, OverlaySecrets secrets)
    {
        var package = project.SettingsModule.Split('.')[0];
        var databaseName = Slug.Of(package, '_');
        var objectStore = answers.Storage != Storage.Whitenoise;
        var database = catalog.Database(ChoiceNames.Name(answers.Database));
        var storageKey = ChoiceNames.Name(answers.Storage);
        var storageVariables = catalog.StorageVariables.GetValueOrDefault(storageKey) ?? [];
        var djangoRequirement = catalog.FindLine(project.Django.Line)?.Requirement ?? $"Django~={project.Django.Line}.0";
        var application = answers.Server == Server.Uvicorn ? project.AsgiApplication! : project.WsgiApplication;
        var applicationModule = application[..application.LastIndexOf('.')];
        var entryModule = EntryModule(applicationModule, answers.Server);
        var requirements = Requirements(catalog, djangoRequirement, answers);

        return new TemplateModel(
            Project: new ProjectModel(
                Package: package,
                AppName: Slug.Of(package, '-'),
                DatabaseName: databaseName,
                BaseSettingsModule: project.BaseSettingsModule,
                ProductionSettingsModule: project.ProductionSettingsModule,
                ProductionSettingsPath: project.ProductionSettingsFile,
                ProductionSettingsDepth: project.ProductionSettingsDepth,
                DefinesBaseDir: project.DefinesBaseDir,
                Application: application,
                ApplicationModule: applicationModule,
                EntryModule: entryModule,
                EntryModulePath: entryModule.Replace('.', '/') + ".py",
                RepositoryFolder: project.RepositoryFolder),
            Answers: new AnswersModel(
                answers.Host,
                ChoiceNames.Name(answers.Database),
                storageKey,
                ChoiceNames.Name(answers.Server),
                answers.Python,
                ChoiceNames.Name(answers.Packages)),
            Django: new DjangoModel(
                StoragesSetting: project.Django.AtLeast(4, 2),
                ConnHealthChecks: project.Django.AtLeast(4, 1),
                Mailers: project.Django.AtLeast(6, 1),
                AdminsAsAddresses: project.Django.AtLeast(6, 0),
                ContentSecurityPolicy: project.Django.AtLeast(6, 0)),
            Commands: Commands(catalog.Choices.Server.Single(choice => choice.Name == ChoiceNames.Name(answers.Server)),
                project.ProductionSettingsModule, entryModule, objectStore),
            Secrets: secrets,
            Catalog: catalog,
            Requirements: requirements,
            RequirementEntries: [.. requirements.Select(Dependencies.Requirement.Parse)
                .Select(entry => new RequirementModel(entry.Text, entry.Name, entry.Extras, entry.Specifier, entry.TableValue))],
            Dependencies: DependenciesOf(catalog, project, answers),
            StorageVariables: storageVariables,
            RequiredStorageVariables: [.. storageVariables.Where(variable => variable.Required).Select(variable => variable.Name)],
            Host: catalog.Host(answers.Host),
            HostPrivateFiles: [.. catalog.Host(answers.Host).Files.Where(file => file.Private).Select(file => file.Path)],
            Storage: catalog.Storage(storageKey),
            Database: database,
            DatabaseTls: catalog.Host(answers.Host).DatabaseTls.Contains(ChoiceNames.Name(answers.Database)),
            // Object stores need credentials, which a build has no business holding: they collect at release.
            CollectstaticAtBuild: !objectStore,
            DatabaseUrlLocal: Filled(database.UrlLocal, databaseName, secrets.DatabasePassword),
            DatabaseUrlCompose: Filled(database.UrlCompose, databaseName, secrets.DatabasePassword),
            DatabaseUrlExample: database.UrlExample);
    }

    private static CommandsModel Commands(ChoiceInfo server, string settings, string entryModule, bool collectstaticAtRelease)
    {
        string[] releaseSteps = collectstaticAtRelease ? ["migrate --noinput", "collectstatic --noinput"] : ["migrate --noinput"];
        string Release(string suffix) => string.Join(" && ", releaseSteps.Select(step => $"python manage.py {step}{suffix}"));
        string Web(string command) => command.Replace("{callable}", $"{entryModule}:application").Replace("{settings}", settings);
        return new CommandsModel(Web(server.Web), Release(""), Web(server.ProcfileWeb), Release($" --settings {settings}"));
    }

    /// <summary>Where the chosen manager keeps the packages, given the project's files.</summary>
    public static DependenciesModel DependenciesOf(Catalog.Catalog catalog, DjangoProject project, ProjectAnswers answers)
    {
        var name = ChoiceNames.Name(answers.Packages);
        var facts = catalog.Manager(name);
        var found = project.Dependencies;
        var (declaredIn, file) = answers.Packages switch
        {
            PackageManager.Pipenv => ("pipfile", "Pipfile"),
            PackageManager.Pip when found.PipTools => ("requirements", "requirements.in"),
            PackageManager.Pip when found.RequirementFiles.Count == 0 && found.Pyproject == Dependencies.PyprojectShape.ProjectTable =>
                ("pyproject", "pyproject.toml"),
            PackageManager.Pip => ("requirements", "requirements.txt"),
            _ => ("pyproject", "pyproject.toml"),
        };
        var (lockFile, lockCommand) = answers.Packages == PackageManager.Pip && found.PipTools
            ? ("requirements.txt", "pip-compile requirements.in")
            : (facts.Lock, facts.LockCommand);
        IReadOnlyList<string> requirementFiles = declaredIn == "requirements"
            ? found.RequirementFiles.Count > 0 ? found.RequirementFiles : ["requirements.txt"]
            : [];
        return new DependenciesModel(name, facts.Label, declaredIn, file, lockFile, lockCommand, requirementFiles,
            PoetryTable: answers.Packages == PackageManager.Poetry && found.Pyproject == Dependencies.PyprojectShape.PoetryTable,
            Image: facts.Image, Tool: facts.Tool);
    }

    /// <summary>A database URL of the catalog with the project's database name and password; null where it has none.</summary>
    private static string? Filled(string url, string name, string password) =>
        url.Length == 0 ? null : url.Replace("{name}", name).Replace("{password}", password);

    // Beside the project's own module: "mysite.wsgi" -> "mysite.production_wsgi"; a top-level "wsgi" -> "production_wsgi".
    private static string EntryModule(string applicationModule, Server server)
    {
        var name = server == Server.Uvicorn ? "production_asgi" : "production_wsgi";
        var split = applicationModule.LastIndexOf('.');
        return split < 0 ? name : $"{applicationModule[..split]}.{name}";
    }

    private static List<string> Requirements(Catalog.Catalog catalog, string djangoRequirement, ProjectAnswers answers)
    {
        var requirements = new List<string>
        {
            djangoRequirement,
            catalog.Package("environ"),
            catalog.Package(ChoiceNames.Name(answers.Server)),
        };
        if (answers.Database != Database.Sqlite)
            requirements.Add(catalog.Package(ChoiceNames.Name(answers.Database)));
        requirements.Add(catalog.Package(ChoiceNames.Name(answers.Storage)));
        return requirements;
    }
}
