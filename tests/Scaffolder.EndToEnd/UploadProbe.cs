using System.Net;
using System.Text.Json;

namespace Scaffolder.EndToEnd;

/// <summary>
/// Uploads a file through the deployed settings' own storages, as a view would, and fetches it back from the object
/// store the way a stranger and the owner of its link would: an upload is readable with its signed URL only, a
/// static file by anyone.
/// </summary>
public static class UploadProbe
{
    public const string Content = "%PDF-1.4 e2e private invoice";

    private const string Script = """
        import json, os, sys
        sys.path.insert(0, os.getcwd())
        import django
        django.setup()
        from django.contrib.staticfiles.storage import staticfiles_storage
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage
        name = default_storage.save("invoices/e2e.pdf", ContentFile(b"%PDF-1.4 e2e private invoice"))
        print(json.dumps({"media": default_storage.url(name), "static": staticfiles_storage.url("admin/css/base.css")}))
        """;

    /// <summary>The URLs the settings give an upload and a collected static file, with the environment given.</summary>
    public static (string Media, string Static) Urls(Chroot chroot, string folder, IReadOnlyDictionary<string, string> environment)
    {
        var result = chroot.CheckPython("scaffolder-e2e-upload.py", Script, folder, environment);
        var json = result.Output.Split('\n').FirstOrDefault(line => line.StartsWith('{'))
            ?? throw new StepFailed($"the upload script printed no URLs:\n{result.Tail()}");
        using var urls = JsonDocument.Parse(json);
        return (urls.RootElement.GetProperty("media").GetString()!, urls.RootElement.GetProperty("static").GetString()!);
    }

    /// <summary>
    /// The upload's URL is signed and works; without its signature it is refused (where the store enforces access:
    /// azurite does, s3rver does not); the static file's URL is unsigned and public.
    /// </summary>
    public static void CheckPrivateUploadsAndPublicStatics(string storage, string media, string statics)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        // Azure's SAS, or S3's query signature (X-Amz-Signature in version 4, Signature in version 2).
        var signature = storage == "azure" ? "sig=" : "Signature=";

        Expect(media.Contains(signature, StringComparison.Ordinal), $"the upload's URL {Redacted(media)} carries no signature");
        using var signed = Get(http, media);
        var body = signed.Content.ReadAsStringAsync().Result;
        Expect(signed.StatusCode == HttpStatusCode.OK && body == Content,
            $"the upload's signed URL answered {(int)signed.StatusCode}, not 200 with the file");

        // s3rver grants every anonymous read (it implements no bucket policies), so only Azure's answer tells:
        // on S3 the bucket's policy keeps media/ private, and the settings' part is the signed URL above.
        if (storage == "azure")
        {
            var bare = media[..media.IndexOf('?')];
            using var anonymous = Get(http, bare);
            Expect(anonymous.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                $"the upload at {bare} answered {(int)anonymous.StatusCode} without a signature, not 403 or 404: it is public");
        }

        Expect(!statics.Contains('?'), $"the static file's URL {Redacted(statics)} is signed: it would change on every page");
        using var publicStatic = Get(http, statics);
        Expect(publicStatic.StatusCode == HttpStatusCode.OK, $"the static file {statics} answered {(int)publicStatic.StatusCode} anonymously, not 200");
    }

    /// <summary>With a CDN domain set, static files use it and uploads still get signed URLs from the store itself.</summary>
    public static void CheckCustomDomainServesStaticsOnly(string media, string statics, string endpoint, string domain)
    {
        Expect(media.StartsWith(endpoint, StringComparison.Ordinal) && media.Contains("Signature=", StringComparison.Ordinal),
            $"with AWS_S3_CUSTOM_DOMAIN set, the upload's URL is {Redacted(media)}, not signed from {endpoint}");
        Expect(statics.StartsWith($"https://{domain}/static/", StringComparison.Ordinal),
            $"with AWS_S3_CUSTOM_DOMAIN set, the static file's URL is {statics}, not on https://{domain}/static/");
    }

    private static HttpResponseMessage Get(HttpClient http, string url) => http.Send(new HttpRequestMessage(HttpMethod.Get, url));

    // Signatures are short-lived and harmless here, but a failure message needs only where the URL points.
    private static string Redacted(string url) => url.Contains('?') ? url[..url.IndexOf('?')] + "?..." : url;

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
            throw new StepFailed(failure);
    }
}
