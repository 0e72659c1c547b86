namespace Scaffolder.Cli;

/// <summary>What the process's exit status tells a pipeline. Listed in <c>--help</c> and in README.</summary>
public enum ExitCode
{
    /// <summary>The overlay is written and complete (or, with --check, current).</summary>
    Done = 0,

    /// <summary>Something is left for the user to settle: a conflict, files no longer needed, or (--check) drift.</summary>
    Unsettled = 1,

    /// <summary>Usage or bad input: one line on stderr names the fix; nothing was written.</summary>
    BadInput = 2,

    /// <summary>A bug in Scaffolder: "internal error" with the trace on stderr; nothing was written (EX_SOFTWARE).</summary>
    InternalError = 70,
}
