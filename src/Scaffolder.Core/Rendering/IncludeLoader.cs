using Scaffolder.Catalog;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Scaffolder.Rendering;

/// <summary>
/// Finds what a template includes (<c>{{ include 'partials/NAME' }}</c>) among the templates, so that code two
/// overlay files both need is written once.
/// </summary>
internal sealed class IncludeLoader(TemplateSource templates) : ITemplateLoader
{
    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => templateName;

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => templates.Read(templatePath);

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
}
