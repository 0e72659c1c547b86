namespace Scaffolder.EndToEnd;

/// <summary>
/// gunicorn.conf.py writes the access lines itself (its AccessLog): run with the chroot's real gunicorn, each line must
/// be the one gunicorn's own logger writes for the same request, character for character, and written without
/// Python's logging; with another format gunicorn's own writes it, and with statsd gunicorn's statsd logger is used.
/// </summary>
public static class AccessLogCheck
{
    private const string Script = """
        import datetime, io, logging, runpy, sys
        from gunicorn import glogging
        from gunicorn.config import Config
        from gunicorn.instrument.statsd import Statsd

        conf = runpy.run_path("gunicorn.conf.py", run_name="gunicorn_conf")
        AccessLog = conf["logger_class"]

        class Response:
            def __init__(self, status, sent, headers=()):
                self.status, self.sent, self.headers = status, sent, list(headers)

        class Request:
            def __init__(self, headers=()):
                self.headers = list(headers)

        def environ(method="GET", uri="/admin/login/", **more):
            values = {"REQUEST_METHOD": method, "RAW_URI": uri, "PATH_INFO": uri.split("?")[0], "QUERY_STRING": "",
                      "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "10.0.0.7"}
            values.update(more)
            return {key: value for key, value in values.items() if value is not None}

        REQUESTS = [
            (Response("200 OK", 4312, [("Content-Type", "text/html")]), Request([("HOST", "example.com")]),
             environ(HTTP_REFERER="https://example.com/", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64)")),
            (Response("404 Not Found", 179), Request(), environ(uri='/a"b?q="1"', HTTP_USER_AGENT='say "hi"', HTTP_REFERER='x"y')),
            (Response("304 Not Modified", None), Request(), environ(method="HEAD", REMOTE_ADDR=None)),
            (Response("200 OK", 0), Request(), environ(HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")),
            (Response("500 Internal Server Error", 145), Request(), environ(uri="/caf\u00c3\u00a9/?x=%20", HTTP_USER_AGENT="")),
            (Response(502, 12), Request(), environ(method="POST", SERVER_PROTOCOL="HTTP/1.0")),
        ]
        NOW = "[07/Dec/2026:22:00:00 +0000]"
        TOOK = datetime.timedelta(microseconds=12345)

        def written(logger_class, settings, without_logging=False):
            out = io.StringIO()
            sys.stdout = out
            try:
                cfg = Config()
                for name, value in settings.items():
                    cfg.set(name, value)
                log = logger_class(cfg)
                log.now = lambda: NOW
                # Python's logging drops the lines when the logger must write them itself.
                if without_logging:
                    log.access_log.handle = lambda record: None
                for response, request, values in REQUESTS:
                    log.access(response, request, values, TOOK)
            finally:
                sys.stdout = sys.__stdout__
                vars(logging.getLogger("gunicorn.access")).pop("handle", None)
            return out.getvalue()

        def compare(what, settings, without_logging=False):
            expected, actual = written(glogging.Logger, settings), written(AccessLog, settings, without_logging)
            if len(expected.splitlines()) != len(REQUESTS) or actual != expected:
                failures.append(f"{what}: gunicorn wrote\n{expected}the configuration's logger wrote\n{actual}")

        failures = []
        compare("default format", {"accesslog": "-"}, without_logging=True)
        compare("another format", {"accesslog": "-", "access_log_format": '%(h)s "%(r)s" %(s)s %(D)s %({user-agent}i)s'})
        statsd = Config()
        statsd.set("statsd_host", "127.0.0.1:9")
        if type(AccessLog(statsd)) is not Statsd:
            failures.append(f"with statsd_host set, the logger is {type(AccessLog(statsd)).__name__}, not gunicorn's Statsd")
        print("\n".join(failures) if failures else "same lines")
        sys.exit(1 if failures else 0)
        """;

    public static void Check(Chroot chroot, Deployment deployment)
    {
        var result = chroot.RunPython("scaffolder-e2e-access-log.py", Script, deployment.Folder, deployment.Environment, deployment.User);
        if (result.ExitCode != 0)
            throw new StepFailed($"the access lines differ from gunicorn's own:\n{result.Tail()}");
    }
}
