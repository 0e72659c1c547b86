using System.Security.Cryptography;

namespace Scaffolder.Rendering;

/// <summary>Fresh secrets for the local <c>.env</c>; they appear in no other file.</summary>
public sealed record OverlaySecrets(string SecretKey, string DatabasePassword)
{
    // Letters and digits only: no character that a .env parser, a shell or a URL treats specially.
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static OverlaySecrets Generate() =>
        new(RandomNumberGenerator.GetString(Alphabet, 64), RandomNumberGenerator.GetString(Alphabet, 32));
}
