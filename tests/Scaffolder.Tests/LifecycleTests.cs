using Scaffolder.Cli;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>A project's life with Scaffolder, end to end: apply, edit, switch host, upgrade templates, apply again.</summary>
public class LifecycleTests
{
    [Fact]
    public void Edits_survive_a_host_switch_and_a_template_upgrade_and_check_tracks_drift()
    {
        using var project = TempProject.From("django52").WithGit();
        CliRun Apply(params string[] flags) => CliRun.Of(["apply", project.Root, .. flags]);

        // 1. First apply, for Heroku.
        Apply("--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes").ExitCode.ShouldBe(ExitCode.Done);
        Apply("--check").ExitCode.ShouldBe(ExitCode.Done);

        // 2. The user edits the Dockerfile and adds a package; --check still passes: their edits are no drift.
        project.Replace("Dockerfile", "WORKDIR /app\n", "WORKDIR /app\nRUN echo 'built by the team' > /etc/motd\n");
        project.Write("requirements.txt", project.Read("requirements.txt") + "sentry-sdk==2.40.0  # error reports\n");
        Apply("--check").ExitCode.ShouldBe(ExitCode.Done);

        // 3. Switch to Fly: answers remembered but the host, Heroku's files listed, edits kept.
        var toFly = Apply("--host", "fly");
        toFly.ExitCode.ShouldBe(ExitCode.Done, toFly.Error);
        project.Exists("fly.toml").ShouldBeTrue();
        toFly.Output.ShouldContain("app.json");
        project.Read("Dockerfile").ShouldContain("RUN echo 'built by the team' > /etc/motd");
        project.Read("requirements.txt").ShouldContain("sentry-sdk==2.40.0  # error reports");
        project.Read("requirements.txt").ShouldContain("psycopg[binary]");
        var obsolete = Apply("--check");
        obsolete.ExitCode.ShouldBe(ExitCode.Unsettled);
        obsolete.Error.ShouldContain(".python-version, app.json are no longer needed by these answers: remove .python-version, app.json with scaffolder apply --prune");

        // 4. A newer Scaffolder changes the Dockerfile near the user's edit but not on it, and where they edited.
        var (templates, upgraded) = TempProject.CopyOfTemplates();
        using var _ = templates;
        templates.Replace("Dockerfile.sbn", "EXPOSE 8000", "EXPOSE 8000\nHEALTHCHECK NONE");
        templates.Replace("Dockerfile.sbn", "RUN useradd --create-home --uid 10001 app", "RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app");
        var drift = CliRun.Of(upgraded, "apply", project.Root, "--check");
        drift.ExitCode.ShouldBe(ExitCode.Unsettled);
        drift.Error.ShouldContain("Dockerfile (update)");

        var upgrade = CliRun.Of(upgraded, "apply", project.Root, "--force");
        upgrade.ExitCode.ShouldBe(ExitCode.Done, upgrade.Error);
        var dockerfile = project.Read("Dockerfile");
        dockerfile.ShouldContain("RUN echo 'built by the team' > /etc/motd");
        dockerfile.ShouldContain("HEALTHCHECK NONE");
        dockerfile.ShouldContain("--shell /usr/sbin/nologin app\nWORKDIR /app\nRUN echo 'built by the team' > /etc/motd\n");
        project.Exists("app.json").ShouldBeFalse();
        CliRun.Of(upgraded, "apply", project.Root, "--check").ExitCode.ShouldBe(ExitCode.Done);

        // 5. A real conflict: the user and the template change the same line. It is surfaced, not resolved silently.
        project.Replace("Dockerfile", "HEALTHCHECK NONE", "HEALTHCHECK CMD python -c 'print(1)'");
        templates.Replace("Dockerfile.sbn", "HEALTHCHECK NONE", "HEALTHCHECK --interval=30s NONE");
        var conflict = CliRun.Of(upgraded, "apply", project.Root);
        conflict.ExitCode.ShouldBe(ExitCode.Unsettled);
        project.Read("Dockerfile").ShouldContain("HEALTHCHECK CMD python -c 'print(1)'");
        project.Read("Dockerfile.scaffolder-new").ShouldContain("HEALTHCHECK --interval=30s NONE");
    }
}
