using Scaffolder.Detection;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

public class PythonSyntaxTests
{
    [Theory]
    [InlineData("X = 'it\\'s'  # a comment with a quote: '\n")]
    [InlineData("\"\"\"\nA docstring with 'quotes' and (parens\n\"\"\"\nY = 1\n")]
    [InlineData("Z = f\"{BASE_DIR / 'db.sqlite3'}\"\n")]
    [InlineData("LIST = [\n    'a',  # ]\n    \"b\",\n]\n")]
    [InlineData("S = r'C:\\path\\dir' if False else ''\n")]
    [InlineData("T = '''one\ntwo ''' + \"\"\"three\"\"\"\n")]
    [InlineData("U = 'continued \\\n line'\n")]
    [InlineData("A = 1  # the end, with no newline")]
    [InlineData("A = ''")]
    [InlineData("A = ''''''")]
    [InlineData("A = 'a\\\\'")]
    public void Valid_python_has_no_problem(string source)
    {
        PythonSyntax.FirstProblem(source).ShouldBeNull();
    }

    [Theory]
    [InlineData("A = {\n  'k': (1,\n}\n", "line 3: '}' closes nothing that is open")]
    [InlineData("A = [1, 2\nB = 3\n", "line 1: '[' is never closed")]
    [InlineData("A = 'open\n", "line 1: a string that never ends")]
    [InlineData("A = 1\n\"\"\"never closed\n", "line 2: a string that never ends")]
    [InlineData("\"\"\"one\ntwo\n\"\"\"\nA = (\n", "line 4: '(' is never closed")]
    [InlineData("S = 'one \\\ntwo'\nA = [\n", "line 3: '[' is never closed")]
    [InlineData("S = 'a\\\\' + 'b'\nA = {\n", "line 2: '{' is never closed")]
    [InlineData("A = (1]", "line 1: ']' closes nothing that is open")]
    [InlineData("A = 'x", "line 1: a string that never ends")]
    [InlineData("A = '''x''", "line 1: a string that never ends")]
    public void Broken_python_is_reported_with_its_line(string source, string problem)
    {
        PythonSyntax.FirstProblem(source).ShouldBe(problem);
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Rendered_settings_pass_the_check(string scenarioName)
    {
        var scenario = Scenario.Named(scenarioName);
        using var project = TempProject.From(scenario.Fixture);

        var settings = Scenario.SettingsOf(scenario.Render(project));

        PythonSyntax.FirstProblem(settings.Content).ShouldBeNull();
    }
}
