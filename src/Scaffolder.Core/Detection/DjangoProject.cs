namespace Scaffolder.Detection;

/// <summary>What detection learned about an existing Django project, without running any of its code.</summary>
/// <param name="Root">Absolute path of the folder that holds <c>manage.py</c>.</param>
/// <param name="SettingsModule">The default <c>DJANGO_SETTINGS_MODULE</c> from <c>manage.py</c>, e.g. <c>mysite.settings</c>.</param>
/// <param name="SettingsFile">That module's file, relative to <see cref="Root"/>, with forward slashes.</param>
/// <param name="SettingsIsPackage">Settings already live in a <c>settings/</c> package (several modules).</param>
/// <param name="BaseSettingsModule">What the production settings build on: the package's <c>base</c> module when it has
/// one (the named module is then usually a development variant), else <paramref name="SettingsModule"/>.</param>
/// <param name="WsgiApplication">The dotted path of the WSGI callable, e.g. <c>mysite.wsgi.application</c>.</param>
/// <param name="AsgiApplication">The dotted path of the ASGI callable, when the project has one.</param>
/// <param name="Django">The Django version the project targets, and where it was read.</param>
/// <param name="DefinesBaseDir">The settings define <c>BASE_DIR</c> (every startproject tree does).</param>
/// <param name="ExistingFiles">Deployment-related files already at the root (requirements.txt, .env, Dockerfile...).</param>
public sealed record DjangoProject(
    string Root,
    string SettingsModule,
    string SettingsFile,
    bool SettingsIsPackage,
    string BaseSettingsModule,
    string WsgiApplication,
    string? AsgiApplication,
    DetectedDjango Django,
    bool DefinesBaseDir,
    IReadOnlyList<string> ExistingFiles)
{
    /// <summary>How the project declares its dependencies: the managers its files point to, pyproject.toml's shape, Python.</summary>
    public Dependencies.ProjectDependencies Dependencies { get; init; } = Scaffolder.Dependencies.ProjectDependencies.None;

    /// <summary>
    /// Where <see cref="Root"/> sits in its git repository, relative to the repository's root with forward slashes
    /// (<c>mysite</c> for <c>django-admin startproject mysite</c> with <c>git init</c> one level up); empty when
    /// <c>manage.py</c> is at the repository's root, or outside any repository.
    /// </summary>
    public string RepositoryFolder { get; init; } = "";

    /// <summary>The settings module the overlay adds, e.g. <c>mysite.settings_production</c>.</summary>
    public string ProductionSettingsModule => PathToModule(ProductionSettingsFile);

    /// <summary>Where the production settings go, relative to <see cref="Root"/>.</summary>
    public string ProductionSettingsFile
    {
        get
        {
            var folder = ParentFolder(SettingsFile);
            return SettingsIsPackage ? $"{folder}/production.py" : $"{folder}/settings_production.py";
        }
    }

    /// <summary>How many folders lie between the production settings file and <see cref="Root"/>.</summary>
    public int ProductionSettingsDepth => ProductionSettingsFile.Count(c => c == '/');

    private static string ParentFolder(string path) => path[..path.LastIndexOf('/')];

    private static string PathToModule(string path) => path[..^".py".Length].Replace('/', '.');
}

/// <summary>A Django version (major.minor, and the patch when known) and where it came from.</summary>
public sealed record DetectedDjango(string Version, DjangoVersionSource Source)
{
    public string Line => string.Join('.', Version.Split('.').Take(2));

    public Version Comparable => System.Version.Parse(Line);

    public bool AtLeast(int major, int minor) => Comparable >= new Version(major, minor);
}

public enum DjangoVersionSource { SettingsHeader, Requirements, AssumedLts }
