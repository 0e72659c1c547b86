using System.Text.Json;
using Scaffolder.Answers;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// The health endpoints of the rendered production entry module, run by Python against stand-ins for Django's
/// settings, database connections and application: the paths answer before Django is reached, uncached, and the
/// readiness path follows the database (up, refusing, hanging past the timeout).
/// </summary>
public class HealthEndpointTests
{
    /// <summary>Stand-ins: the settings from STUB_* variables, a database as STUB_DATABASE says, and a Django that answers 418.</summary>
    private static readonly Dictionary<string, string> Stubs = new()
    {
        ["django/__init__.py"] = "",
        ["django/conf.py"] = """
            import os


            class settings:
                REQUEST_BODY_MAX_BYTES = 100
                HEALTH_LIVE_PATH = os.environ.get("STUB_LIVE_PATH", "/healthz")
                HEALTH_READY_PATH = os.environ.get("STUB_READY_PATH", "/readyz")
                HEALTH_READY_TIMEOUT = 0.5
            """,
        ["django/db.py"] = """
            import os
            import time


            class _Cursor:
                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    return False

                def execute(self, sql):
                    if os.environ["STUB_DATABASE"] == "refuses":
                        raise OSError("connection refused")
                    if os.environ["STUB_DATABASE"] == "hangs":
                        time.sleep(30)

                def fetchone(self):
                    return (1,)


            class _Connection:
                def cursor(self):
                    return _Cursor()

                def close(self):
                    pass


            connections = {"default": _Connection()}
            """,
        ["mysite/wsgi.py"] = """
            def application(environ, start_response):
                start_response("418 Django", [("Content-Type", "text/plain")])
                return [b"django"]
            """,
        ["mysite/asgi.py"] = """
            async def application(scope, receive, send):
                await send({"type": "http.response.start", "status": 418, "headers": []})
                await send({"type": "http.response.body", "body": b"django"})
            """,
        ["probe.py"] = """
            import asyncio
            import importlib
            import json
            import os
            import sys
            import time

            entry = importlib.import_module(sys.argv[1])


            def wsgi(method, path):
                seen = {}

                def start_response(status, headers):
                    seen.update(status=status, headers=headers)

                body = b"".join(entry.application({"REQUEST_METHOD": method, "PATH_INFO": path}, start_response))
                return int(seen["status"].split()[0]), {k.lower(): v for k, v in seen["headers"]}, body


            async def asgi(method, path):
                sent = []

                async def receive():
                    return {"type": "http.request", "body": b"", "more_body": False}

                async def send(message):
                    sent.append(message)

                await entry.application({"type": "http", "method": method, "path": path, "headers": []}, receive, send)
                headers = {k.decode().lower(): v.decode() for k, v in sent[0]["headers"]}
                return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])


            answers = {}
            for request in sys.argv[3:]:
                method, path = request.split(" ")
                started = time.monotonic()
                status, headers, body = asyncio.run(asgi(method, path)) if sys.argv[2] == "asgi" else wsgi(method, path)
                answers[request] = {"status": status, "cache": headers.get("cache-control"), "body": body.decode(),
                                    "seconds": time.monotonic() - started}
            print(json.dumps(answers), flush=True)
            os._exit(0)  # a hanging stand-in query must not hold the exit
            """,
    };

    public static TheoryData<string> Servers { get; } = ["gunicorn", "uvicorn"];

    private sealed record Answer(int Status, string? Cache, string Body, double Seconds);

    private static Dictionary<string, Answer> Probe(string server, string database, IEnumerable<string> requests,
        Dictionary<string, string>? settings = null)
    {
        // An object store, not WhiteNoise: with WhiteNoise the entry module also serves static files, through
        // WhiteNoise and Django's request, which these stand-ins do not provide (the end-to-end suite runs that path).
        var scenario = new Scenario("django52", "docker", Database.Postgres, Storage.S3,
            server == "uvicorn" ? Server.Uvicorn : Server.Gunicorn);
        using var project = TempProject.From(scenario.Fixture);
        var entry = scenario.Render(project).Files.Single(file => file.Path.StartsWith("mysite/production_", StringComparison.Ordinal));
        project.Write(entry.Path, entry.Content);
        foreach (var (path, text) in Stubs)
            project.Write(path, text);

        var environment = new Dictionary<string, string>(settings ?? []) { ["STUB_DATABASE"] = database };
        var module = entry.Path[..^".py".Length].Replace('/', '.');
        var result = ProcessRunner.Run("python3", ["probe.py", module, server == "uvicorn" ? "asgi" : "wsgi", .. requests],
            project.Root, TimeSpan.FromMinutes(1), environment);

        result.ExitCode.ShouldBe(0, result.Error);
        return JsonSerializer.Deserialize<Dictionary<string, Answer>>(result.Output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void With_the_database_up_both_paths_answer_200_uncached_before_django(string server)
    {
        var answers = Probe(server, "up", ["GET /healthz", "GET /readyz", "HEAD /readyz"]);

        answers["GET /healthz"].ShouldBe(new Answer(200, "no-store", "ok\n", answers["GET /healthz"].Seconds));
        answers["GET /readyz"].ShouldBe(new Answer(200, "no-store", "ok\n", answers["GET /readyz"].Seconds));
        answers["HEAD /readyz"].Status.ShouldBe(200);
        answers["HEAD /readyz"].Body.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void With_the_database_refusing_the_process_is_live_but_not_ready(string server)
    {
        var answers = Probe(server, "refuses", ["GET /healthz", "GET /readyz"]);

        answers["GET /healthz"].Status.ShouldBe(200);
        answers["GET /readyz"].Status.ShouldBe(503);
        answers["GET /readyz"].Cache.ShouldBe("no-store");
        answers["GET /readyz"].Body.ShouldBe("unavailable\n");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void A_database_that_hangs_is_not_ready_once_the_timeout_passes(string server)
    {
        var answers = Probe(server, "hangs", ["GET /readyz", "GET /healthz"]);

        answers["GET /readyz"].Status.ShouldBe(503);
        answers["GET /readyz"].Seconds.ShouldBeInRange(0.4, 3);
        answers["GET /healthz"].Status.ShouldBe(200);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void Other_paths_and_methods_reach_django(string server)
    {
        var answers = Probe(server, "up", ["GET /admin/", "POST /healthz", "GET /healthz/", "GET /readyz.json"]);

        answers.Values.ShouldAllBe(answer => answer.Status == 418);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void The_paths_come_from_the_settings(string server)
    {
        var answers = Probe(server, "refuses", ["GET /live", "GET /ready", "GET /healthz", "GET /readyz"],
            new() { ["STUB_LIVE_PATH"] = "/live", ["STUB_READY_PATH"] = "/ready" });

        answers["GET /live"].Status.ShouldBe(200);
        answers["GET /ready"].Status.ShouldBe(503);
        answers["GET /healthz"].Status.ShouldBe(418);
        answers["GET /readyz"].Status.ShouldBe(418);
    }
}
