using Scaffolder.Rendering;
using Shouldly;

namespace Scaffolder.Tests;

public class OverlaySecretsTests
{
    [Fact]
    public void Generated_secrets_are_long_random_and_differ_each_time()
    {
        var first = OverlaySecrets.Generate();
        var second = OverlaySecrets.Generate();

        first.SecretKey.Length.ShouldBe(64);
        first.DatabasePassword.Length.ShouldBe(32);
        first.DeploySecretKey.Length.ShouldBe(64);
        first.SecretKey.Distinct().Count().ShouldBeGreaterThan(20);
        first.SecretKey.ShouldNotBe(second.SecretKey);
        first.DatabasePassword.ShouldNotBe(second.DatabasePassword);
        first.DeploySecretKey.ShouldNotBe(first.SecretKey);
    }

    [Fact]
    public void Generated_secrets_hold_only_letters_and_digits()
    {
        var secrets = OverlaySecrets.Generate();

        (secrets.SecretKey + secrets.DatabasePassword + secrets.DeploySecretKey)
            .ShouldAllBe(character => char.IsAsciiLetterOrDigit(character));
    }

    [Fact]
    public void A_random_byte_that_would_favour_the_first_characters_is_drawn_again()
    {
        // Bytes 240, 241, ... 255, 0, 1, ...: 248 to 255 would map to A to H a second time (256 is no multiple of 62).
        var next = 240;
        var secrets = OverlaySecrets.Generate(bytes =>
        {
            for (var i = 0; i < bytes.Length; i++)
                bytes[i] = (byte)(next++ % 256);
        });

        secrets.SecretKey[..24].ShouldBe("23456789ABCDEFGHIJKLMNOP");
    }

    [Fact]
    public void Bytes_are_drawn_until_every_secret_is_whole()
    {
        var calls = 0;
        var secrets = OverlaySecrets.Generate(bytes =>
        {
            calls++;
            // The first buffer is all unfair bytes; the second gives "A" to "z" and digits over and over.
            for (var i = 0; i < bytes.Length; i++)
                bytes[i] = calls == 1 ? (byte)255 : (byte)(i % 62);
        });

        calls.ShouldBe(2);
        secrets.SecretKey.ShouldBe(OverlaySecrets.Alphabet + "AB");
        secrets.DatabasePassword.ShouldBe(OverlaySecrets.Alphabet[2..34]);
        secrets.DeploySecretKey.ShouldBe((OverlaySecrets.Alphabet + OverlaySecrets.Alphabet)[34..98]);
    }

    [Fact]
    public void The_system_generator_fills_the_whole_buffer()
    {
        var bytes = new byte[4096];

        SystemRandom.Fill(bytes);

        bytes.Count(value => value == 0).ShouldBeLessThan(64);
        bytes.Distinct().Count().ShouldBeGreaterThan(200);
    }
}
