using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Scaffolder.Rendering;

/// <summary>
/// Scriban's builtin functions (include, array, string, math...), each group made the first time a template names
/// it. Scriban's own default makes every group up front, finding their functions by reflection, which costs more
/// than rendering the whole overlay; the bundled templates name one or two of them. Template packs given with
/// --templates see the same builtins.
/// </summary>
internal sealed class LazyBuiltins : ScriptObject
{
    private readonly Dictionary<string, Func<object>> _groups = new(StringComparer.Ordinal)
    {
        ["array"] = () => new ArrayFunctions(),
        ["empty"] = () => EmptyScriptObject.Default,
        ["blank"] = () => EmptyScriptObject.Default,
        ["include"] = () => new IncludeFunction(),
        [DateTimeFunctions.DateVariable.Name] = () => new DateTimeFunctions(),
        ["html"] = () => new HtmlFunctions(),
        ["math"] = () => new MathFunctions(),
        ["object"] = () => new ObjectFunctions(),
        ["regex"] = () => new RegexFunctions(),
        ["string"] = () => new StringFunctions(),
        ["timespan"] = () => new TimeSpanFunctions(),
    };

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (base.TryGetValue(context, span, member, out value))
            return true;
        if (!_groups.TryGetValue(member, out var make))
            return false;
        // Kept for the next template; what a template assigns goes to its own scope (OverlayRenderer), never here.
        value = make();
        this[member] = value;
        return true;
    }
}
