using Scaffolder.Dependencies;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>How the user's TOML files and the overlay's requirements are read, before anything is merged into them.</summary>
public class TomlTextTests
{
    [Fact]
    public void A_file_that_is_not_toml_is_a_user_error_naming_its_line()
    {
        var error = Should.Throw<UserError>(() => TomlText.Parse("pyproject.toml", "[project]\nname = \"mysite\"\nversion 1\n"));

        error.Message.ShouldStartWith("pyproject.toml:3: not valid TOML (");
        error.Message.ShouldEndWith("); fix that line and run again");
    }

    [Fact]
    public void A_table_counts_with_the_tables_below_it_but_not_with_a_longer_name()
    {
        var toml = TomlText.Parse("pyproject.toml", "[tool.uv.sources]\nmysite = { workspace = true }\n\n[tool.uvicorn]\n");

        toml.HasTableOrBelow("tool.uv").ShouldBeTrue();
        toml.HasTableOrBelow("tool.uvicorn").ShouldBeTrue();
        toml.HasTableOrBelow("tool.pdm").ShouldBeFalse();
        TomlText.Parse("pyproject.toml", "[tool.uvicorn]\n").HasTableOrBelow("tool.uv").ShouldBeFalse();
    }

    [Fact]
    public void Quoted_key_parts_name_the_same_table_as_bare_ones()
    {
        var toml = TomlText.Parse("pyproject.toml", "[\"tool\".'poetry'.dependencies]\npython = \"^3.12\"\n\"Django\" = \"^5.2\"\n");

        toml.String("tool.poetry.dependencies", "python").ShouldBe("^3.12");
        toml.String("tool.poetry.dependencies", "Django").ShouldBe("^5.2");
    }

    [Fact]
    public void A_list_gives_its_strings_and_a_value_of_another_kind_gives_none()
    {
        var toml = TomlText.Parse("pyproject.toml", "[project]\ndependencies = [\"django\", 3, \"\"]\nname = \"mysite\"\n");

        toml.Strings("project", "dependencies").ShouldBe(["django", ""]);
        toml.Strings("project", "name").ShouldBeNull();
        toml.String("project", "dependencies").ShouldBeNull();
        toml.Strings("tool", "missing").ShouldBeNull();
    }

    [Fact]
    public void Line_ends_and_indents_are_read_around_an_offset()
    {
        var toml = TomlText.Parse("pyproject.toml", "[project]\r\n  name = \"x\"\r\n\tversion = \"1\"");

        toml.LineEnd(0).ShouldBe(9);
        toml.LineEnd(13).ShouldBe(23);
        toml.LineEnd(27).ShouldBe(toml.Text.Length);
        toml.IndentOfLine(15).ShouldBe("  ");
        toml.IndentOfLine(26).ShouldBe("\t");
        toml.IndentOfLine(0).ShouldBe("");
        toml.NewLine.ShouldBe("\r\n");
    }

    [Theory]
    [InlineData("psycopg[binary, pool]==3.3.9", "psycopg", "==3.3.9", "{version = \"==3.3.9\", extras = [\"binary\", \"pool\"]}")]
    [InlineData("Django_Environ ~= 0.14", "Django_Environ", "~= 0.14", "\"~= 0.14\"")]
    [InlineData("whitenoise[brotli]", "whitenoise", "*", "{version = \"*\", extras = [\"brotli\"]}")]
    [InlineData("gunicorn", "gunicorn", "*", "\"*\"")]
    public void A_requirement_gives_its_name_specifier_and_table_entry(string text, string name, string specifier, string tableValue)
    {
        var requirement = Requirement.Parse(text);

        requirement.Name.ShouldBe(name);
        requirement.Specifier.ShouldBe(specifier);
        requirement.TableValue.ShouldBe(tableValue);
    }

    [Fact]
    public void A_requirement_the_overlay_could_not_write_is_a_bug_not_a_guess()
    {
        Should.Throw<InvalidOperationException>(() => Requirement.Parse("-e ./local"))
            .Message.ShouldBe("'-e ./local' is not a requirement Scaffolder can write");
    }
}
