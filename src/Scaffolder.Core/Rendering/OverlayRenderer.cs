using Scaffolder.Answers;
using Scaffolder.Catalog;
using Scaffolder.Detection;
using Scaffolder.Merging;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Scaffolder.Rendering;

/// <summary>
/// Renders the overlay in memory from the Scriban templates the catalog lists. Templates are strict: an
/// unknown variable or member is an error naming the template, line and column, never an empty string. The files are
/// the catalog's shared ones that apply to the answers, then the chosen host's own; templates include others (a host's
/// settings snippet, say) by their path in templates/.
/// </summary>
public sealed class OverlayRenderer(Catalog.Catalog catalog, TemplateSource templates)
{
    private readonly Dictionary<string, Template> _parsed = [];
    private readonly IncludeLoader _includes = new(templates);

    public Overlay Render(DjangoProject project, ProjectAnswers answers, OverlaySecrets secrets)
    {
        // One context for the whole overlay: making one (Scriban's builtins) costs more than most renderings.
        var model = TemplateModelFactory.Create(catalog, project, answers, secrets);
        var context = NewContext(new ScriptModel(model));
        var host = catalog.Host(answers.Host);
        var server = ChoiceNames.Name(answers.Server);

        var files = catalog.Files
            .Where(spec => spec.AppliesTo(host, server, model.Dependencies.DeclaredIn))
            .Concat(host.Files)
            .Select(spec => new RenderedFile(
                Path: RenderText(spec.Path, "catalog.toml [[files]] path", context).Trim(),
                Content: RenderTemplate(spec.Template, context),
                Merge: Enum.Parse<MergeStrategy>(spec.Merge, ignoreCase: true),
                HoldsSecrets: spec.Private) { KeepsUsers = spec.KeepUsers })
            .ToList();
        return new Overlay(files, RenderTemplate(host.NextSteps, context))
        {
            Dependencies = model.Dependencies,
            Requirements = model.Requirements,
        };
    }

    private string RenderTemplate(string name, TemplateContext context)
    {
        if (!_parsed.TryGetValue(name, out var template))
        {
            template = Parse(templates.Read(name), name);
            _parsed[name] = template;
        }
        return Evaluate(template, context);
    }

    private static string RenderText(string text, string origin, TemplateContext context) =>
        Evaluate(Parse(text, origin), context);

    private static Template Parse(string text, string name)
    {
        var template = Template.Parse(text, name);
        if (template.HasErrors)
            throw new InvalidOperationException($"template {name} does not parse: {string.Join("; ", template.Messages)}");
        return template;
    }

    private TemplateContext NewContext(ScriptModel model)
    {
        var context = new TemplateContext(new LazyBuiltins())
        {
            TemplateLoader = _includes,
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            TryGetMember = UnknownMember,
        };
        context.PushGlobal(model.Globals());
        return context;
    }

    // The model's values are read-only; what a template assigns goes to a scope of its own, gone after it.
    private static string Evaluate(Template template, TemplateContext context)
    {
        context.PushGlobal(new ScriptObject());
        try
        {
            return template.Render(context);
        }
        finally
        {
            context.PopGlobal();
        }
    }

    private static bool UnknownMember(TemplateContext context, SourceSpan span, object target, string member, out object value) =>
        throw new ScriptRuntimeException(span, target is ScriptObject known
            ? $"no member '{member}' here; the members are {string.Join(", ", known.Keys.Order(StringComparer.Ordinal))}"
            : $"a {target.GetType().Name} has no member '{member}'");
}
