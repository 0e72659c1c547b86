namespace Scaffolder.Tests.Support;

public static class RepositoryRoot
{
    /// <summary>The folder that holds Scaffolder.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Scaffolder.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("no Scaffolder.sln above " + AppContext.BaseDirectory);
    }
}
