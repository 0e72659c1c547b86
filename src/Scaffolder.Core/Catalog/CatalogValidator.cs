using System.Text.RegularExpressions;
using Scaffolder.Answers;
using Scaffolder.Merging;

namespace Scaffolder.Catalog;

/// <summary>
/// Checks a loaded catalog and its host folders as a whole, so that a half-added host or a misspelt rule is one line
/// naming the file and the fix at start-up, never a crash later or a file silently left out.
/// </summary>
public static partial class CatalogValidator
{
    public static void Check(Catalog catalog, TemplateSource source)
    {
        var catalogFile = source.Describe(CatalogLoader.FileName);
        MatchesEnum<Database>(catalog.Choices.Database, "database", catalogFile);
        MatchesEnum<Storage>(catalog.Choices.Storage, "storage", catalogFile);
        MatchesEnum<Server>(catalog.Choices.Server, "server", catalogFile);
        MatchesEnum<PackageManager>(catalog.Choices.Packages, "packages", catalogFile);
        if (catalog.Choices.Packages.FirstOrDefault(manager => !catalog.Managers.TryGetValue(manager.Name, out var facts) || facts.Label.Length == 0) is { } unknown)
            throw new CatalogError(catalogFile, $"has no [managers.{unknown.Name}] with its label; add it");
        if (catalog.Managers.FirstOrDefault(manager => manager.Value.Lock.Length > 0 != manager.Value.LockCommand.Length > 0) is { Key: { } halfLocked })
            throw new CatalogError(catalogFile, $"gives [managers.{halfLocked}] a lock without lock_command, or the other way round; give both or neither");
        if (catalog.Choices.Server.FirstOrDefault(server => server.Web.Length == 0 || server.ProcfileWeb.Length == 0) is { } commandless)
            throw new CatalogError(catalogFile, $"gives server '{commandless.Name}' no web or procfile_web command; add both, with {{callable}} (and {{settings}})");
        if (catalog.Choices.Database.FirstOrDefault(database => !catalog.Databases.TryGetValue(database.Name, out var facts) || facts.UrlExample.Length == 0) is { } urlless)
            throw new CatalogError(catalogFile, $"has no [databases.{urlless.Name}] with url_example; add it");
        if (catalog.Python.Count == 0)
            throw new CatalogError(catalogFile, "lists no python versions; add python = [\"3.12\", ...]");

        if (catalog.Hosts.Count == 0)
            throw new CatalogError(source.Describe(CatalogLoader.HostsFolder), "holds no host folder; add one, e.g. by copying an existing host");
        // A host is named as its folder (CheckHost), so no two hosts share a name.
        foreach (var host in catalog.Hosts)
            CheckHost(host, catalog, source);

        foreach (var file in catalog.Files)
            CheckFile(file, file.Template, catalog, source, catalogFile);
        var shared = catalog.Files.Where(file => file.WhenHost.Length == 0).Select(file => file.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var host in catalog.Hosts)
        {
            if (host.Files.FirstOrDefault(file => shared.Contains(file.Path)) is { } clash)
                throw new CatalogError(ManifestOf(host, source), $"adds {clash.Path}, which {CatalogLoader.FileName} already renders for every host; remove one of them");
        }
    }

    private static void CheckHost(HostInfo host, Catalog catalog, TemplateSource source)
    {
        var manifest = ManifestOf(host, source);
        var folderName = host.Folder[(host.Folder.LastIndexOf('/') + 1)..];
        if (host.UnknownKeys.Keys.FirstOrDefault() is { } unknown)
            throw new CatalogError(manifest, $"has unknown key '{unknown}'; the keys are {string.Join(", ", HostInfo.Keys)}");
        if (host.Name != folderName)
            throw new CatalogError(manifest, $"names host '{host.Name}' in folder '{folderName}'; set name = \"{folderName}\" (a host is named by its folder)");
        if (!HostName().IsMatch(host.Name))
            throw new CatalogError(manifest, $"names host '{host.Name}'; use lower-case letters, digits and dashes");
        if (host.StopTimeout < 10)
            throw new CatalogError(manifest, $"gives stop_timeout = {host.StopTimeout}; set the seconds the platform waits after SIGTERM (10 or more: gunicorn's graceful shutdown must end 5 s before it)");
        // The manifest mounts the volume there and DATABASE_URL points into it: a folder of its own, never the root.
        if (host.SqliteVolume.Length > 0 && (!host.OffersVolumes || !host.SqliteVolume.StartsWith('/') || host.SqliteVolume.Trim('/').Length == 0))
            throw new CatalogError(manifest, $"gives sqlite_volume = \"{host.SqliteVolume}\"; set an absolute folder other than / where the manifest mounts a volume (with offers_volumes = true), or \"\" for none");
        if (host.Label.Length == 0 || host.Summary.Length == 0)
            throw new CatalogError(manifest, "needs a label (the platform's name) and a summary (the prompt's line)");
        foreach (var database in host.DatabaseTls.Where(database => !catalog.Choices.Database.Any(choice => choice.Name == database)))
            throw new CatalogError(manifest, $"lists database_tls '{database}', which is no database of {CatalogLoader.FileName}; choose from {string.Join(", ", catalog.Choices.Database.Select(choice => choice.Name))}");
        foreach (var manager in host.Install.Keys.Where(manager => !catalog.Managers.ContainsKey(manager)))
            throw new CatalogError(manifest, $"says how to install '{manager}' packages, which is no [managers.*] of {CatalogLoader.FileName}; choose from {string.Join(", ", catalog.Managers.Keys)}");
        if (host.RunsReplicas && host.SqliteVolume.Length > 0)
            throw new CatalogError(manifest, $"runs replicas and mounts a volume for SQLite at {host.SqliteVolume}; replicas cannot share SQLite's file: set sqlite_volume = \"\" or runs_replicas = false");
        if (host.Files.FirstOrDefault(file => file.Private && file.Path.Contains("{{", StringComparison.Ordinal)) is { } templated)
            throw new CatalogError(manifest, $"gives the private file {templated.Path} a templated path; a file holding secrets needs a fixed path, which .gitignore and .dockerignore name");
        foreach (var required in new[] { host.NextSteps, host.SettingsSnippet }.Where(path => !source.Exists(path)))
            throw new CatalogError(source.Describe(required), $"is missing; every host folder has {HostInfo.NextStepsFile} and {HostInfo.SettingsSnippetFile}");
        foreach (var file in host.Files)
            CheckFile(file, file.Template, catalog, source, manifest);
        if (host.Files.FirstOrDefault(file => file.WhenHost.Length > 0) is { } conditional)
            throw new CatalogError(manifest, $"limits its own file {conditional.Path} with when_host; a host's own files are always its own: remove when_host");
        if (host.Files.GroupBy(file => file.Path).FirstOrDefault(group => group.Count() > 1) is { } twice)
            throw new CatalogError(manifest, $"renders {twice.Key} twice; keep one [[files]] entry for it");
    }

    private static void CheckFile(OverlayFileSpec file, string template, Catalog catalog, TemplateSource source, string listedIn)
    {
        if (template.EndsWith('/') || file.Path.Length == 0)
            throw new CatalogError(listedIn, "has a [[files]] entry without template or path; give both");
        if (!source.Exists(template))
            throw new CatalogError(listedIn, $"lists template {template}, which does not exist; add {source.Describe(template)} or fix the name");
        if (!Enum.TryParse<MergeStrategy>(file.Merge, ignoreCase: true, out _) || file.Merge != file.Merge.ToLowerInvariant())
            throw new CatalogError(listedIn, $"gives {file.Path} merge = \"{file.Merge}\"; choose one of {string.Join(", ", Enum.GetNames<MergeStrategy>().Select(name => name.ToLowerInvariant()))}");
        foreach (var server in file.Servers.Where(server => !catalog.Choices.Server.Any(choice => choice.Name == server)))
            throw new CatalogError(listedIn, $"limits {file.Path} to server '{server}', which is none of {string.Join(", ", catalog.Choices.Server.Select(choice => choice.Name))}");
        if (file.DeclaredIn.Length > 0 && !OverlayFileSpec.DeclarationKinds.Contains(file.DeclaredIn))
            throw new CatalogError(listedIn, $"limits {file.Path} to declared_in = \"{file.DeclaredIn}\"; choose one of {string.Join(", ", OverlayFileSpec.DeclarationKinds)}");
        if (file.WhenHost.Length > 0 && !HostInfo.Facts.Contains(file.WhenHost))
            throw new CatalogError(listedIn, $"limits {file.Path} to when_host = \"{file.WhenHost}\", which is no fact of host.toml; choose one of {string.Join(", ", HostInfo.Facts)}");
    }

    /// <summary>A choice list names exactly the values the code handles: no more (they would render nothing), no fewer.</summary>
    private static void MatchesEnum<T>(List<ChoiceInfo> choices, string kind, string catalogFile) where T : struct, Enum
    {
        var known = ChoiceNames.All<T>();
        if (choices.FirstOrDefault(choice => !known.Contains(choice.Name)) is { } stranger)
            throw new CatalogError(catalogFile, $"offers {kind} '{stranger.Name}', which Scaffolder does not know ({string.Join(", ", known)}); remove it");
        if (known.FirstOrDefault(name => choices.All(choice => choice.Name != name)) is { } missing)
            throw new CatalogError(catalogFile, $"does not offer {kind} '{missing}'; add a [[choices.{kind}]] entry for it");
        if (choices.GroupBy(choice => choice.Name).FirstOrDefault(group => group.Count() > 1) is { } twice)
            throw new CatalogError(catalogFile, $"offers {kind} '{twice.Key}' twice; keep one");
    }

    private static string ManifestOf(HostInfo host, TemplateSource source) => source.Describe($"{host.Folder}/{HostInfo.ManifestFile}");

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex HostName();
}
