using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Scaffolder.EndToEnd;

/// <summary>
/// What a running site must refuse, checked over loopback: an oversized request body (413 before it is read), a
/// request for a host it does not serve (one log line, no traceback), and, where the web server alone decides
/// the scheme, an X-Forwarded-Proto header from an address it does not trust.
/// </summary>
public static class SafetyProbe
{
    /// <summary>The report-only policy the suite deploys on Django 6.0 and later.</summary>
    public const string CspReportOnly = "default-src 'self'; img-src 'self' data:";

    /// <summary>
    /// An upload form post that declares a 1 GiB body and sends none of it gets 413 at once. Without the limit
    /// Django would read it: a multipart body past a CSRF cookie and a matching Referer is streamed to disk, so the
    /// worker would wait for the rest (tried on the overlay before the limit: no answer within 8 s).
    /// </summary>
    public static void CheckBodyLimit(int port)
    {
        var clock = Stopwatch.StartNew();
        var status = RawStatusLine(port,
            $"POST /admin/login/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Forwarded-Proto: https\r\n"
            + $"Referer: https://127.0.0.1:{port}/admin/login/\r\nCookie: csrftoken=e2eCsrfSecretOf32Characters00000\r\n"
            + "Content-Type: multipart/form-data; boundary=e2e\r\nContent-Length: 1073741824\r\n\r\n--e2e\r\n", TimeSpan.FromSeconds(5));
        Expect(status.Contains(" 413 ", StringComparison.Ordinal),
            $"a request declaring a 1 GiB body got '{status}' after {clock.Elapsed.TotalSeconds:0.0} s, not 413 at once");
    }

    /// <summary>A request for a host name the site does not serve: 400, and the log gains one line for it, no traceback.</summary>
    public static void CheckDisallowedHostLogsOneLine(int port, string logFile)
    {
        var status = RawStatusLine(port, "GET /admin/login/ HTTP/1.1\r\nHost: scanner.e2e.invalid\r\nX-Forwarded-Proto: https\r\n\r\n",
            TimeSpan.FromSeconds(10));
        Expect(status.Contains(" 400 ", StringComparison.Ordinal), $"a request for a foreign host got '{status}', not 400");

        // The server writes its log asynchronously.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        List<string> lines;
        do
        {
            Thread.Sleep(200);
            lines = ReadShared(logFile);
        }
        while (!lines.Any(line => line.Contains("DisallowedHost", StringComparison.Ordinal)) && DateTime.UtcNow < deadline);

        Expect(lines.Count(line => line.Contains("DisallowedHost", StringComparison.Ordinal)) == 1,
            $"the log has {lines.Count(line => line.Contains("DisallowedHost", StringComparison.Ordinal))} DisallowedHost lines, not 1");
        Expect(!lines.Any(line => line.Contains("Traceback", StringComparison.Ordinal)), "the log holds a traceback");
    }

    /// <summary>Django 6.0 and later send the report-only policy from the environment on every page.</summary>
    public static void CheckReportOnlyPolicy(int port, string domain)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/admin/login/");
        request.Headers.Host = domain;
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = http.Send(request);
        var policy = response.Headers.TryGetValues("Content-Security-Policy-Report-Only", out var values) ? string.Join(", ", values) : null;
        Expect(policy == CspReportOnly, $"the login page's report-only policy is '{policy}', not '{CspReportOnly}'");
        Expect(!response.Headers.Contains("Content-Security-Policy"), "the login page enforces a policy: only report-only was asked for");
    }

    /// <summary>
    /// The server was told to trust X-Forwarded-Proto from another address only: a client claiming HTTPS over plain
    /// HTTP is redirected to HTTPS, not served the page.
    /// </summary>
    public static void CheckForgedProxyHeaderIsIgnored(int port, string domain)
    {
        var status = RawStatusLine(port, $"GET /admin/login/ HTTP/1.1\r\nHost: {domain}\r\nX-Forwarded-Proto: https\r\n\r\n",
            TimeSpan.FromSeconds(10), out var head);
        Expect(status.Contains(" 301 ", StringComparison.Ordinal) && head.Contains("\r\nlocation: https://", StringComparison.OrdinalIgnoreCase),
            $"a forged X-Forwarded-Proto over plain HTTP got '{status}', not a redirect to HTTPS");
    }

    private static string RawStatusLine(int port, string request, TimeSpan timeout) => RawStatusLine(port, request, timeout, out _);

    // Sends a request as written, and reads the response's head (up to the blank line), bounded in time.
    private static string RawStatusLine(int port, string request, TimeSpan timeout, out string head)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        client.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        using var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes(request));
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = stream.Read(buffer);
                if (read == 0)
                    break;
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // Timed out, or closed by the server: what arrived, if anything, is the answer.
        }
        head = received.ToString();
        return head.Split("\r\n")[0] is { Length: > 0 } line ? line : $"no answer within {timeout.TotalSeconds:0} s";
    }

    private static List<string> ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n')];
    }

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
            throw new StepFailed(failure);
    }
}
