namespace Scaffolder.Catalog;

/// <summary>A template pack that cannot work: one line naming the file, what is wrong and the fix.</summary>
public sealed class CatalogError(string file, string problem) : UserError($"{file}: {problem}")
{
    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
