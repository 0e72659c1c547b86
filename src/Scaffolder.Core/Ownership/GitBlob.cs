using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace Scaffolder.Ownership;

/// <summary>
/// The hash git gives a file's content (<c>git hash-object</c>): a recorded hash doubles as the name under which
/// git can hand back what we wrote, the base of a three-way merge.
/// </summary>
/// <remarks>
/// SHA-1 in managed code (BouncyCastle): .NET's own SHA-1 on Linux loads and initializes OpenSSL, which cost a
/// <c>--check</c> about a tenth of its time for hashes of a few kilobytes.
/// </remarks>
public static class GitBlob
{
    public static string Hash(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var header = Encoding.ASCII.GetBytes($"blob {bytes.Length}\0");
        var sha1 = new Sha1Digest();
        sha1.BlockUpdate(header);
        sha1.BlockUpdate(bytes);
        var hash = new byte[sha1.GetDigestSize()];
        sha1.DoFinal(hash);
        return Convert.ToHexStringLower(hash);
    }
}
