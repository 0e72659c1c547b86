using System.Text.RegularExpressions;

namespace Scaffolder.Detection;

/// <summary>
/// Finds the Django project in a folder and reads what the overlay needs from its files as text: the project's
/// Python is never run. It follows <c>DJANGO_SETTINGS_MODULE</c> from <c>manage.py</c> rather than globbing,
/// and never looks inside virtualenvs, <c>node_modules</c> or <c>.git</c>.
/// </summary>
public sealed partial class ProjectDetector(string currentLts, Dependencies.DependencyDetector? dependencies = null)
{
    /// <summary>A detector that also reads how the project declares its dependencies, by the catalog's managers.</summary>
    public ProjectDetector(Catalog.Catalog catalog) : this(catalog.CurrentLts, new Dependencies.DependencyDetector(catalog))
    {
    }

    /// <summary>The files at the root that say something of a deployment already, in the order detection reports them.</summary>
    private static string[] DeploymentFiles => ["requirements.txt", ".env", ".gitignore", ".dockerignore", "Procfile", "Dockerfile", ".python-version"];

    public DjangoProject Detect(string path)
    {
        try
        {
            return DetectIn(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UserError($"cannot read the project in {Path.GetFullPath(path)} ({e.Message}); check its permissions");
        }
    }

    private DjangoProject DetectIn(string path)
    {
        var root = FindProjectRoot(path);
        var managePy = Path.Combine(root, "manage.py");
        var settingsModule = ReadSettingsModule(managePy);
        var settingsFile = LocateModule(root, settingsModule)
            ?? throw new UserError(
                $"manage.py names the settings module {settingsModule}, but neither {ModuleAsFile(settingsModule)} nor "
                + $"{ModuleAsPackage(settingsModule)} exists; fix DJANGO_SETTINGS_MODULE in manage.py");
        var isPackage = settingsFile.EndsWith("/__init__.py", StringComparison.Ordinal)
            || Path.GetFileName(Path.GetDirectoryName(settingsFile)) == "settings";
        var settingsSources = ReadSettingsSources(root, settingsFile, isPackage);
        if (PythonSyntax.FirstProblem(settingsSources[0]) is { } problem)
            throw new UserError($"{settingsFile} does not parse as Python ({problem}); fix it (python -m py_compile {settingsFile} shows the error) and run again");

        var wsgi = FindWsgiApplication(root, settingsModule, settingsSources);
        var declared = dependencies?.Detect(root) ?? Dependencies.ProjectDependencies.None;
        return new DjangoProject(
            Root: root,
            SettingsModule: settingsModule,
            SettingsFile: settingsFile,
            SettingsIsPackage: isPackage,
            BaseSettingsModule: BaseSettingsModule(root, settingsModule, settingsFile, isPackage),
            WsgiApplication: wsgi,
            AsgiApplication: FindAsgiApplication(root, wsgi, settingsSources),
            Django: DetectDjango(root, settingsSources, declared),
            DefinesBaseDir: settingsSources.Any(source => BaseDirAssignment().IsMatch(source)),
            ExistingFiles: [.. DeploymentFiles.Where(file => File.Exists(Path.Combine(root, file)))])
        {
            Dependencies = declared,
            RepositoryFolder = RepositoryFolder(root),
        };
    }

    /// <summary>The folder's path below the nearest enclosing git repository's root (a <c>.git</c> folder, or file for a worktree); empty at it or outside one.</summary>
    public static string RepositoryFolder(string root)
    {
        if (Ownership.GitRepository.RootOf(root) is not { } repository)
            return "";
        var relative = Path.GetRelativePath(repository.FullName, new DirectoryInfo(root).FullName);
        return relative == "." ? "" : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static string FindProjectRoot(string path)
    {
        if (File.Exists(path))
            throw new UserError($"{path} is a file; pass the folder that holds manage.py");
        if (!Directory.Exists(path))
            throw new UserError($"{path} does not exist; pass the folder that holds manage.py");
        if (File.Exists(Path.Combine(path, "manage.py")))
            return path;

        // A repository often keeps the Django project one folder down (e.g. src/ or backend/).
        var candidates = Directory.EnumerateDirectories(path)
            .Where(dir => !IsSkipped(dir))
            .Where(dir => File.Exists(Path.Combine(dir, "manage.py")))
            .Order(StringComparer.Ordinal)
            .ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new UserError(
                $"no Django project in {path} (expected manage.py; create one with `django-admin startproject NAME .`)"),
            _ => throw new UserError(
                $"{candidates.Count} Django projects in {path} ({string.Join(", ", candidates.Select(Path.GetFileName))}); "
                + "pass the one to deploy as PATH"),
        };
    }

    /// <summary>A folder no project is looked for in: version control, virtualenvs (any folder with pyvenv.cfg), tools' caches, collected files.</summary>
    private static bool IsSkipped(string dir) =>
        Path.GetFileName(dir) is ".git" or ".hg" or ".venv" or "venv" or "env" or "node_modules" or "__pycache__" or ".tox" or ".nox"
            or ".mypy_cache" or ".pytest_cache" or "site-packages" or "staticfiles"
        || File.Exists(Path.Combine(dir, "pyvenv.cfg"));

    private static string ReadSettingsModule(string managePy)
    {
        var match = SettingsModuleDefault().Match(ReadText(managePy));
        if (!match.Success)
        {
            throw new UserError(
                "manage.py sets no default DJANGO_SETTINGS_MODULE; add "
                + "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"NAME.settings\") as startproject writes it");
        }
        var module = match.Groups["module"].Value;
        if (module.Split('.').FirstOrDefault(part => !PythonNames.IsImportable(part)) is { } bad)
        {
            throw new UserError(
                $"manage.py's DJANGO_SETTINGS_MODULE '{module}' cannot be imported: '{bad}' is "
                + (PythonNames.IsKeyword(bad) ? "a Python keyword" : "not a Python identifier")
                + "; rename that folder (e.g. to a name with letters, digits and underscores) and the module in manage.py");
        }
        return module;
    }

    private static string BaseSettingsModule(string root, string settingsModule, string settingsFile, bool isPackage)
    {
        if (!isPackage)
            return settingsModule;
        var package = settingsFile.EndsWith("/__init__.py", StringComparison.Ordinal)
            ? settingsModule
            : settingsModule[..settingsModule.LastIndexOf('.')];
        return File.Exists(Path.Combine(root, package.Replace('.', '/'), "base.py")) ? $"{package}.base" : settingsModule;
    }

    private static string? LocateModule(string root, string module) =>
        new[] { ModuleAsFile(module), ModuleAsPackage(module) }
            .FirstOrDefault(relative => File.Exists(Path.Combine(root, relative)));

    private static string ModuleAsFile(string module) => module.Replace('.', '/') + ".py";

    private static string ModuleAsPackage(string module) => module.Replace('.', '/') + "/__init__.py";

    /// <summary>
    /// The settings module's text first, then (for a settings package) its sibling modules, where a base
    /// module usually holds what the named one star-imports.
    /// </summary>
    private static List<string> ReadSettingsSources(string root, string settingsFile, bool isPackage)
    {
        var sources = new List<string> { ReadText(Path.Combine(root, settingsFile)) };
        if (isPackage)
        {
            var folder = Path.GetDirectoryName(Path.Combine(root, settingsFile))!;
            sources.AddRange(Directory.EnumerateFiles(folder, "*.py")
                .Where(file => Path.GetRelativePath(root, file).Replace('\\', '/') != settingsFile)
                .Order(StringComparer.Ordinal)
                .Select(ReadText));
        }
        return sources;
    }

    private static string FindWsgiApplication(string root, string settingsModule, List<string> settingsSources)
    {
        foreach (var source in settingsSources)
        {
            var match = WsgiSetting().Match(source);
            if (match.Success)
                return match.Groups["path"].Value;
        }

        var topPackage = settingsModule.Split('.')[0];
        if (File.Exists(Path.Combine(root, topPackage, "wsgi.py")))
            return $"{topPackage}.wsgi.application";
        throw new UserError(
            $"found no WSGI_APPLICATION in {settingsModule} and no {topPackage}/wsgi.py; "
            + "set WSGI_APPLICATION as startproject does");
    }

    private static string? FindAsgiApplication(string root, string wsgiApplication, List<string> settingsSources)
    {
        foreach (var source in settingsSources)
        {
            var match = AsgiSetting().Match(source);
            if (match.Success)
                return match.Groups["path"].Value;
        }

        // startproject writes asgi.py beside wsgi.py.
        var wsgiModule = wsgiApplication[..wsgiApplication.LastIndexOf('.')];
        var asgiModule = wsgiModule[..(wsgiModule.LastIndexOf('.') + 1)] + "asgi";
        return File.Exists(Path.Combine(root, asgiModule.Replace('.', '/') + ".py")) ? asgiModule + ".application" : null;
    }

    private DetectedDjango DetectDjango(string root, List<string> settingsSources, Dependencies.ProjectDependencies declared)
    {
        foreach (var source in settingsSources)
        {
            var header = StartprojectHeader().Match(source);
            if (header.Success)
                return new DetectedDjango(header.Groups["version"].Value, DjangoVersionSource.SettingsHeader);
        }

        // The requirements files, then what pyproject.toml or Pipfile declare.
        var requirementFiles = declared.RequirementFiles.Count > 0 ? declared.RequirementFiles : ["requirements.txt"];
        var lines = requirementFiles.Select(file => Path.Combine(root, file)).Where(File.Exists)
            .SelectMany(file => ReadText(file).Split('\n'))
            .Concat(declared.Declared);
        foreach (var line in lines)
        {
            var pin = DjangoRequirement().Match(line);
            if (pin.Success)
                return new DetectedDjango(pin.Groups["version"].Value, DjangoVersionSource.Requirements);
        }

        return new DetectedDjango(currentLts, DjangoVersionSource.AssumedLts);
    }

    private static string ReadText(string file)
    {
        try
        {
            return TextFile.Read(file);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UserError($"cannot read {file} ({e.Message}); check its permissions");
        }
    }

    [GeneratedRegex("""os\.environ\.setdefault\(\s*["']DJANGO_SETTINGS_MODULE["']\s*,\s*["'](?<module>[^"'\s]+)["']""")]
    private static partial Regex SettingsModuleDefault();

    [GeneratedRegex("""^WSGI_APPLICATION\s*=\s*["'](?<path>[\w.]+)["']""", RegexOptions.Multiline)]
    private static partial Regex WsgiSetting();

    [GeneratedRegex("""^ASGI_APPLICATION\s*=\s*["'](?<path>[\w.]+)["']""", RegexOptions.Multiline)]
    private static partial Regex AsgiSetting();

    [GeneratedRegex("""^BASE_DIR\s*=""", RegexOptions.Multiline)]
    private static partial Regex BaseDirAssignment();

    [GeneratedRegex("""Generated by 'django-admin startproject' using Django (?<version>\d+\.\d+(\.\d+)?)""")]
    private static partial Regex StartprojectHeader();

    // A requirement line for Django in any spelling PEP 503 folds together, with the first version it names.
    [GeneratedRegex("""^\s*[Dd][Jj][Aa][Nn][Gg][Oo]\s*(\[[^\]]*\])?\s*(==|~=|>=|===|\^|~)\s*(?<version>\d+\.\d+(\.\d+)?)""")]
    private static partial Regex DjangoRequirement();
}
