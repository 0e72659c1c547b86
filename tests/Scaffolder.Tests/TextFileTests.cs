using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>A user's file is read as UTF-8 exactly, or refused with the byte and its line.</summary>
public class TextFileTests
{
    [Fact]
    public void Utf8_text_reads_exactly_with_a_byte_order_mark_kept()
    {
        using var project = TempProject.Empty();
        File.WriteAllBytes(project.PathOf("requirements.txt"), [0xEF, 0xBB, 0xBF, .. "Django~=5.2.0  # café\r\n"u8]);

        TextFile.Read(project.PathOf("requirements.txt")).ShouldBe("\uFEFFDjango~=5.2.0  # café\r\n");
    }

    [Fact]
    public void A_byte_that_is_not_utf8_is_refused_with_its_value_and_line()
    {
        using var project = TempProject.Empty();
        File.WriteAllBytes(project.PathOf(".env"), [.. "A=1\nB=2\nNAME=Andr"u8, 0xE9, .. "\n"u8]);

        Should.Throw<UserError>(() => TextFile.Read(project.PathOf(".env"))).Message.ShouldBe(
            $"{project.PathOf(".env")} is not UTF-8 text (0xE9 on line 3); save it as UTF-8 (e.g. iconv -f latin1 -t utf-8) and "
            + "run again, so that your lines can be kept exactly");
    }

    [Fact]
    public void A_bad_first_byte_is_on_line_one()
    {
        using var project = TempProject.Empty();
        File.WriteAllBytes(project.PathOf(".env"), [0xFF, .. "\n\n"u8]);

        Should.Throw<UserError>(() => TextFile.Read(project.PathOf(".env"))).Message.ShouldContain("(0xFF on line 1)");
    }
}
