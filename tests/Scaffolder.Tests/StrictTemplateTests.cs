using Scaffolder.Answers;
using Scaffolder.Catalog;
using Scaffolder.Detection;
using Scaffolder.Rendering;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// A template that names something the model does not hold is an error naming the template, line and column,
/// never an empty string in a deployment file.
/// </summary>
public class StrictTemplateTests
{
    [Theory]
    [InlineData("{{ no_such_variable }}", "no_such_variable")]
    [InlineData("{{ commands.no_such_command }}", "no_such_command")]
    [InlineData("{{ project.package.no_such_member }}", "no_such_member")]
    [InlineData("{{ catalog.images.oracle }}", "oracle")]
    [InlineData("{{ host.no_such_fact }}", "no_such_fact")]
    [InlineData("{{ for f in catalog.files }}{{ f.no_such_field }}{{ end }}", "no_such_field")]
    [InlineData("{{ nothing = null }}{{ nothing.member }}", "nothing.member")]
    public void An_unknown_name_is_an_error_at_its_line_and_column(string expression, string name)
    {
        var error = Should.Throw<Exception>(() => RenderProcfileEndingWith(expression));

        error.Message.ShouldContain("Procfile.sbn(3,");
        error.Message.ShouldContain(name);
    }

    [Fact]
    public void Known_names_of_every_kind_render_as_before()
    {
        var procfile = RenderProcfileEndingWith(
            "{{ project.production_settings_depth + 1 }} {{ django.storages_setting }} {{ catalog.images.postgres }} " +
            "{{ catalog.python | array.join ',' }} {{ storage.quiet_loggers.size }} {{ database_url_local == null }} {{ catalog.newest_python }}");

        procfile.Split('\n')[2].ShouldBe("2 true postgres:17 3.12,3.13,3.14 0 false 3.14");
    }

    [Theory]
    [InlineData("{{ 'abc' | string.upcase }}", "ABC")]
    [InlineData("{{ 2.5 | math.ceil }}", "3")]
    [InlineData("{{ ['b', 'a'] | array.sort | array.join '' }}", "ab")]
    [InlineData("{{ 'a-b' | regex.replace '-' '_' }}", "a_b")]
    [InlineData("{{ '<' | html.escape }}", "&lt;")]
    [InlineData("{{ {x: 1} | object.size }}", "1")]
    [InlineData("{{ [] == empty }} {{ [] == blank }}", "true true")]
    [InlineData("{{ timespan.from_seconds 90 }}", "00:01:30")]
    public void Every_group_of_scribans_builtins_is_there_for_a_template_pack(string expression, string rendered)
    {
        RenderProcfileEndingWith(expression).Split('\n')[2].ShouldBe(rendered);
    }

    [Fact]
    public void What_a_template_assigns_does_not_reach_the_next_one()
    {
        var error = Should.Throw<Exception>(() => RenderWith(("Procfile.sbn", "{{ leaked = 'x' }}"), ("Dockerfile.sbn", "{{ leaked }}")));

        error.Message.ShouldContain("Dockerfile.sbn(");
        error.Message.ShouldContain("leaked");
    }

    [Fact]
    public void A_template_cannot_change_the_model_the_next_one_sees()
    {
        Should.Throw<Exception>(() => RenderWith(("Procfile.sbn", "{{ project.package = 'other' }}")))
            .Message.ShouldContain("Procfile.sbn(");
    }

    [Fact]
    public void An_include_of_a_template_that_does_not_exist_names_it_and_where()
    {
        var error = Should.Throw<Exception>(() => RenderProcfileEndingWith("{{ include 'partials/nowhere.sbn' }}"));

        error.Message.ShouldContain("Procfile.sbn(3,");
        error.Message.ShouldContain("no template 'partials/nowhere.sbn' to include");
    }

    [Fact]
    public void A_template_that_does_not_parse_is_named_with_what_is_wrong()
    {
        var error = Should.Throw<Exception>(() => RenderProcfileEndingWith("{{ if }}"));

        error.Message.ShouldStartWith("template Procfile.sbn does not parse: Procfile.sbn(3,");
    }

    [Fact]
    public void A_files_path_naming_something_unknown_is_an_error_naming_the_catalog_entry()
    {
        var error = Should.Throw<Exception>(() => RenderWith(changeTemplates: folder =>
            folder.Replace("catalog.toml", "path = \"gunicorn.conf.py\"", "path = \"{{ no_such_file }}\"")));

        error.Message.ShouldContain("catalog.toml [[files]] path");
        error.Message.ShouldContain("no_such_file");
    }

    private static string RenderProcfileEndingWith(string line) => RenderWith(("Procfile.sbn", line));

    /// <summary>Renders the Heroku overlay with a line added at the end of each template named, and returns the Procfile.</summary>
    private static string RenderWith(params (string Template, string Line)[] additions) =>
        RenderWith(folder =>
        {
            foreach (var (template, line) in additions)
                folder.Write(template, folder.Read(template).TrimEnd('\n') + "\n" + line + "\n");
        });

    /// <summary>Renders the Heroku overlay from a copy of the templates changed first, and returns the Procfile.</summary>
    private static string RenderWith(Action<TempProject> changeTemplates)
    {
        var (folder, templates) = TempProject.CopyOfTemplates();
        using var _ = folder;
        changeTemplates(folder);
        using var project = TempProject.From("django52");
        var catalog = CatalogLoader.Load(templates);
        var detected = new ProjectDetector(catalog.CurrentLts).Detect(project.Root);
        var answers = new ProjectAnswers("heroku", Database.Postgres, Storage.Whitenoise, Server.Gunicorn, "3.13");

        var overlay = new OverlayRenderer(catalog, templates).Render(detected, answers, Scenario.FixedSecrets);

        return overlay.Files.Single(file => file.Path == "Procfile").Content;
    }
}
