using System.Text.Json;

namespace Scaffolder.EndToEnd;

/// <summary>What the rendered settings module comes to once the chroot's real Django has loaded it.</summary>
public sealed record DeployedSettings(
    bool Debug, IReadOnlyList<string> Middleware, IReadOnlyDictionary<string, string> Storages, IReadOnlyList<string> AllowedHosts, string MailBackend)
{
    private const string SecurityMiddleware = "django.middleware.security.SecurityMiddleware";
    private const string WhiteNoiseMiddleware = "whitenoise.middleware.WhiteNoiseMiddleware";
    private const string SmtpBackend = "django.core.mail.backends.smtp.EmailBackend";

    // Django 6.1 configures mail in MAILERS; earlier releases in EMAIL_BACKEND.
    private const string Script = """
        import json, os, sys
        sys.path.insert(0, os.getcwd())
        import django
        from django.conf import settings
        django.setup()
        mailers = getattr(settings, "MAILERS", None)
        print(json.dumps({
            "debug": settings.DEBUG,
            "middleware": list(settings.MIDDLEWARE),
            "storages": {name: storage["BACKEND"] for name, storage in settings.STORAGES.items()},
            "allowed_hosts": list(settings.ALLOWED_HOSTS),
            "mail_backend": mailers["default"]["BACKEND"] if mailers else settings.EMAIL_BACKEND,
        }))
        """;

    /// <summary>The storage backends each storage choice must configure, for uploads ("default") and static files.</summary>
    public static readonly IReadOnlyDictionary<string, (string Default, string Static)> Backends = new Dictionary<string, (string, string)>
    {
        ["whitenoise"] = ("django.core.files.storage.FileSystemStorage", "whitenoise.storage.CompressedManifestStaticFilesStorage"),
        ["s3"] = ("storages.backends.s3.S3Storage", "storages.backends.s3.S3Storage"),
        ["azure"] = ("storages.backends.azure_storage.AzureStorage", "storages.backends.azure_storage.AzureStorage"),
        ["gcs"] = ("storages.backends.gcloud.GoogleCloudStorage", "storages.backends.gcloud.GoogleCloudStorage"),
    };

    /// <summary>Loads the settings that DJANGO_SETTINGS_MODULE names in the environment, in the project folder.</summary>
    public static DeployedSettings Load(Chroot chroot, string folder, IReadOnlyDictionary<string, string> environment, string? user)
    {
        var printed = chroot.CheckPython("scaffolder-e2e-settings.py", Script, folder, environment, user).Output;
        var json = printed.Split('\n').Last(line => line.StartsWith('{'));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new DeployedSettings(
            root.GetProperty("debug").GetBoolean(),
            [.. root.GetProperty("middleware").EnumerateArray().Select(item => item.GetString()!)],
            root.GetProperty("storages").EnumerateObject().ToDictionary(item => item.Name, item => item.Value.GetString()!),
            [.. root.GetProperty("allowed_hosts").EnumerateArray().Select(item => item.GetString()!)],
            root.GetProperty("mail_backend").GetString()!);
    }

    /// <summary>Every property a production deployment needs; the first missing one throws, naming what it found.</summary>
    public void Expect(string storage, string domain)
    {
        Must(!Debug, "DEBUG is on");
        var whiteNoise = Middleware.ToList().IndexOf(WhiteNoiseMiddleware);
        if (storage == "whitenoise")
        {
            var security = Middleware.ToList().IndexOf(SecurityMiddleware);
            Must(security >= 0 && whiteNoise == security + 1,
                $"WhiteNoiseMiddleware is not right after SecurityMiddleware: MIDDLEWARE = [{string.Join(", ", Middleware)}]");
        }
        else
        {
            Must(whiteNoise < 0, $"WhiteNoiseMiddleware is in MIDDLEWARE although {storage} serves the static files");
        }
        var (uploads, statics) = Backends[storage];
        Must(Storages.GetValueOrDefault("default") == uploads && Storages.GetValueOrDefault("staticfiles") == statics,
            $"STORAGES for {storage} should be default {uploads} and staticfiles {statics}, not {string.Join(", ", Storages.Select(pair => $"{pair.Key} {pair.Value}"))}");
        Must(AllowedHosts.SequenceEqual([domain]), $"ALLOWED_HOSTS is [{string.Join(", ", AllowedHosts)}], not the host's [{domain}]");
        Must(MailBackend == SmtpBackend, $"mail goes to {MailBackend}, not to SMTP at EMAIL_URL");
    }

    private static void Must(bool condition, string failure)
    {
        if (!condition)
            throw new StepFailed(failure);
    }
}
