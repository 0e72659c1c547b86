namespace Scaffolder;

/// <summary>
/// A problem with what the user gave us (path, choices, project layout). Its message is one line that
/// names the fix; the command line prints it as is and exits with code 2, never with a stack trace.
/// </summary>
public class UserError(string message) : Exception(message);
