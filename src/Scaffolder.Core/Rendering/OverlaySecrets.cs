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
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static OverlaySecrets Generate() => Generate(SystemRandom.Fill);

    /// <param name="randomBytes">Fills a buffer with cryptographically random bytes.</param>
    public static OverlaySecrets Generate(RandomBytes randomBytes)
    {
        var characters = Draw(64 + 32 + 64, randomBytes);
        return new(characters[..64], characters[64..96], characters[96..]);
    }

    private static string Draw(int length, RandomBytes randomBytes)
    {
        // A byte at or above this would favour the alphabet's first characters (256 is no multiple of its length): it is
        // drawn again.
        var fairBytes = 256 - 256 % Alphabet.Length;
        var drawn = new char[length];
        var count = 0;
        Span<byte> bytes = stackalloc byte[length];
        while (count < length)
        {
            randomBytes(bytes);
            foreach (var value in bytes)
            {
                if (value < fairBytes && count < length)
                    drawn[count++] = Alphabet[value % Alphabet.Length];
            }
        }
        return new string(drawn);
    }
}

/// <summary>Fills <paramref name="bytes"/> with cryptographically random bytes.</summary>
public delegate void RandomBytes(Span<byte> bytes);

/// <summary>
/// The operating system's cryptographic random generator. On Linux and macOS, <c>/dev/urandom</c> (the kernel's
/// generator, which OpenSSL itself seeds from): .NET's <see cref="RandomNumberGenerator"/> loads and initializes OpenSSL
/// there first, which cost every run about a tenth of a <c>--check</c>. Elsewhere, or where <c>/dev/urandom</c> cannot be
/// opened (a chroot without <c>/dev</c>), <see cref="RandomNumberGenerator"/>.
/// </summary>
public static class SystemRandom
{
    private const string KernelGenerator = "/dev/urandom";

    public static void Fill(Span<byte> bytes)
    {
        if (!OperatingSystem.IsWindows() && Open() is { } kernel)
        {
            using (kernel)
                kernel.ReadExactly(bytes);
            return;
        }
        RandomNumberGenerator.Fill(bytes);
    }

    private static FileStream? Open()
    {
        try
        {
            return new FileStream(KernelGenerator, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
