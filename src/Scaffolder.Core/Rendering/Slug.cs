using System.Text.RegularExpressions;

namespace Scaffolder.Rendering;

/// <summary>
/// A name made from the project's package for places with stricter rules (an app's name on a platform, a Kubernetes
/// object, a database): lower-case ASCII letters and digits, each run of anything else one separator, starting with a
/// letter and ending with a letter or digit (Heroku's rule for app names, the strictest of them).
/// </summary>
public static partial class Slug
{
    public static string Of(string name, char separator)
    {
        var slug = NotLetterOrDigit().Replace(name.ToLowerInvariant(), separator.ToString()).Trim(separator);
        if (slug.Length == 0)
            return "app";
        return char.IsAsciiLetter(slug[0]) ? slug : $"app{separator}{slug}";
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotLetterOrDigit();
}
