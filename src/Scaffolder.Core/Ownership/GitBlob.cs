using System.Security.Cryptography;
using System.Text;

namespace Scaffolder.Ownership;

/// <summary>
/// The hash git gives a file's content (<c>git hash-object</c>): a recorded hash doubles as the name under which
/// git can hand back what we wrote, the base of a three-way merge.
/// </summary>
public static class GitBlob
{
    public static string Hash(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var header = Encoding.ASCII.GetBytes($"blob {bytes.Length}\0");
        return Convert.ToHexStringLower(SHA1.HashData([.. header, .. bytes]));
    }
}
