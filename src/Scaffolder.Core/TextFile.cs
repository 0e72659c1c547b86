using System.Text;

namespace Scaffolder;

/// <summary>
/// Reads a user's file as UTF-8, strictly: a byte that is not UTF-8 is refused with its place, never replaced,
/// so that whatever Scaffolder writes back keeps the user's lines byte for byte.
/// </summary>
public static class TextFile
{
    public static string Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var at = Math.Max(0, e.Index);
            var line = 1 + bytes.AsSpan(0, Math.Min(at, bytes.Length)).Count((byte)'\n');
            var value = e.BytesUnknown is { Length: > 0 } unknown ? $"0x{unknown[0]:X2}" : "a byte";
            throw new UserError(
                $"{path} is not UTF-8 text ({value} on line {line}); save it as UTF-8 (e.g. iconv -f latin1 -t utf-8) and run again, "
                + "so that your lines can be kept exactly");
        }
    }
}
