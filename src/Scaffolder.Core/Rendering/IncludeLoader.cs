using Scaffolder.Catalog;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Scaffolder.Rendering;

/// <summary>
/// Finds what a template includes by its path in templates/ (<c>{{ include 'partials/NAME' }}</c>, or a host's
/// settings snippet), so that what two files need is written once and a host's own part lives in its folder.
/// </summary>
internal sealed class IncludeLoader(TemplateSource templates) : ITemplateLoader
{
    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
        templates.Exists(templateName)
            ? templateName
            : throw new ScriptRuntimeException(callerSpan, $"no template '{templateName}' to include");

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => templates.Read(templatePath);

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
}
