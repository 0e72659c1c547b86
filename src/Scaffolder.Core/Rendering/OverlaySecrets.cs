using System.Security.Cryptography;

namespace Scaffolder.Rendering;

/// <summary>
/// Fresh secrets for the files that hold secrets (<c>private</c> in the catalog): <see cref="SecretKey"/> and
/// <see cref="DatabasePassword"/> for the local <c>.env</c>; <see cref="DeploySecretKey"/>, another key, for a host's
/// own secret file that a deployment reads (never the local one's key). They appear in no other file.
/// </summary>
public sealed record OverlaySecrets(string SecretKey, string DatabasePassword, string DeploySecretKey)
{
    // Letters and digits only: no character that a .env parser, a shell or a URL treats specially.
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static OverlaySecrets Generate() =>
        new(RandomNumberGenerator.GetString(Alphabet, 64), RandomNumberGenerator.GetString(Alphabet, 32), RandomNumberGenerator.GetString(Alphabet, 64));
}
