using System.Net;
using System.Text.RegularExpressions;

namespace Scaffolder.EndToEnd;

/// <summary>
/// Visits a running site over loopback the way a browser behind a host's router does: every request says
/// <c>X-Forwarded-Proto: https</c>, and cookies are kept by hand (they are Secure, and the hop is plain HTTP).
/// </summary>
/// <param name="domain">The public name the site is visited under, as the host's router passes it on in <c>Host</c>.</param>
/// <param name="staticOrigin">Where static files must come from: null for the app itself (WhiteNoise), else the object store's URL.</param>
public sealed partial class SiteProbe(int port, string domain, string? staticOrigin) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
    private readonly Dictionary<string, string> _cookies = [];
    private readonly string _origin = $"http://127.0.0.1:{port}";

    public const string Password = "e2e-Password-7a1f";

    /// <summary>Every check of one deployment; the first that fails throws, naming what it saw.</summary>
    public void CheckAll()
    {
        var login = Get("/admin/login/?next=/admin/");
        Expect(login.Status == HttpStatusCode.OK, $"GET /admin/login/ answered {(int)login.Status}, not 200");

        CheckStylesheet(login);
        LogIn(login.Body);
        CheckMissingPage();
        CheckHttpsRedirect("/admin/login/");
    }

    /// <summary>Logs in, then visits the admin index <paramref name="visits"/> times: each visit reads its session and user from the database.</summary>
    public void VisitAdmin(int visits)
    {
        var login = Get("/admin/login/?next=/admin/");
        Expect(login.Status == HttpStatusCode.OK, $"GET /admin/login/ answered {(int)login.Status}, not 200");
        LogIn(login.Body);
        for (var visit = 1; visit <= visits; visit++)
        {
            var admin = Get("/admin/");
            Expect(admin.Status == HttpStatusCode.OK && admin.Body.Contains("Site administration"),
                $"visit {visit} of /admin/ answered {(int)admin.Status} without \"Site administration\"");
        }
    }

    /// <summary>The security headers SecurityMiddleware adds to every answer of the app.</summary>
    private static readonly string[] SecurityHeaders =
        ["X-Content-Type-Options", "Strict-Transport-Security", "Referrer-Policy", "Cross-Origin-Opener-Policy"];

    private void CheckStylesheet(Page login)
    {
        var href = Stylesheet().Match(login.Body);
        Expect(href.Success, "the login page links no admin stylesheet");
        var url = WebUtility.HtmlDecode(href.Groups["href"].Value);
        Expect(staticOrigin is null ? url.StartsWith('/') : url.StartsWith(staticOrigin, StringComparison.Ordinal),
            $"the admin stylesheet is linked as {url}, not from {staticOrigin ?? "the app itself"}");
        var css = staticOrigin is null ? Get(url) : GetAbsolute(url);
        Expect(css.Status == HttpStatusCode.OK, $"the admin stylesheet {url} answered {(int)css.Status}, not 200");
        Expect(css.ContentType == "text/css", $"the admin stylesheet {url} came as {css.ContentType}, not text/css");
        if (staticOrigin is null)
        {
            var maxAge = MaxAge().Match(css.CacheControl ?? "");
            Expect(maxAge.Success && long.Parse(maxAge.Groups["seconds"].Value) >= 365L * 24 * 3600,
                $"WhiteNoise served {url} with Cache-Control '{css.CacheControl}', not far-future caching");
            // A static file the app serves carries the security headers of its pages, whichever path serves it.
            Expect(login.Headers.ContainsKey("X-Content-Type-Options"), "the login page came without X-Content-Type-Options");
            foreach (var name in SecurityHeaders.Where(login.Headers.ContainsKey))
                Expect(css.Headers.GetValueOrDefault(name) == login.Headers[name],
                    $"the admin stylesheet {url} came with {name} '{css.Headers.GetValueOrDefault(name)}', the login page with '{login.Headers[name]}'");
            CheckHttpsRedirect(url);
        }
    }

    private void LogIn(string loginPage)
    {
        var token = CsrfField().Match(loginPage);
        Expect(token.Success, "the login page has no CSRF token");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["csrfmiddlewaretoken"] = token.Groups["token"].Value,
            ["username"] = "admin",
            ["password"] = Password,
            ["next"] = "/admin/",
        });
        var posted = Send(HttpMethod.Post, "/admin/login/?next=/admin/", form);
        Expect(posted.Status == HttpStatusCode.Found && posted.Location == "/admin/",
            $"the login POST answered {(int)posted.Status} to '{posted.Location}', not a redirect to /admin/");

        var admin = Get("/admin/");
        Expect(admin.Status == HttpStatusCode.OK && admin.Body.Contains("Site administration"),
            $"GET /admin/ after login answered {(int)admin.Status} without \"Site administration\"");
    }

    private void CheckMissingPage()
    {
        var missing = Get("/no-such-page/");
        Expect(missing.Status == HttpStatusCode.NotFound, $"a missing page answered {(int)missing.Status}, not 404");
        Expect(!missing.Body.Contains("DEBUG = True") && !missing.Body.Contains("Traceback"),
            "a missing page shows debug output");
    }

    private void CheckHttpsRedirect(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _origin + path);
        request.Headers.Host = domain;
        using var response = _http.Send(request);
        var location = response.Headers.Location?.ToString() ?? "";
        Expect(response.StatusCode == HttpStatusCode.MovedPermanently && location.StartsWith($"https://{domain}/", StringComparison.Ordinal),
            $"plain HTTP for {path} answered {(int)response.StatusCode} to '{location}', not a redirect to https://{domain}/");
    }

    private Page Get(string path) => Send(HttpMethod.Get, path, null);

    private Page Send(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, _origin + path) { Content = content };
        request.Headers.Host = domain;
        request.Headers.Add("X-Forwarded-Proto", "https");
        // The CSRF check compares the Origin of an HTTPS POST with the host.
        request.Headers.Add("Origin", $"https://{domain}");
        if (_cookies.Count > 0)
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        using var response = _http.Send(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';')[0].Split('=', 2);
                _cookies[pair[0].Trim()] = pair[1].Trim();
            }
        }
        return Page.From(response);
    }

    private Page GetAbsolute(string url)
    {
        using var response = _http.Send(new HttpRequestMessage(HttpMethod.Get, url));
        return Page.From(response);
    }

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
            throw new StepFailed(failure);
    }

    public void Dispose() => _http.Dispose();

    private sealed record Page(HttpStatusCode Status, string Body, string? ContentType, string? CacheControl, string? Location,
        IReadOnlyDictionary<string, string> Headers)
    {
        public static Page From(HttpResponseMessage response) => new(
            response.StatusCode,
            response.Content.ReadAsStringAsync().Result,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.CacheControl?.ToString(),
            response.Headers.Location?.ToString(),
            response.Headers.ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase));
    }

    [GeneratedRegex("""<link rel="stylesheet"[^>]*href="(?<href>[^"]*admin/css/base[^"]*\.css[^"]*)""")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("""name="csrfmiddlewaretoken" value="(?<token>[^"]+)""")]
    private static partial Regex CsrfField();

    [GeneratedRegex(@"max-age=(?<seconds>\d+)")]
    private static partial Regex MaxAge();
}
