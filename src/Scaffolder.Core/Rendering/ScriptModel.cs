using System.Text.Json;
using System.Text.Json.Serialization;
using Scriban.Runtime;

namespace Scaffolder.Rendering;

/// <summary>
/// The template model as Scriban values, built without reflection: the model is written as JSON by generated code
/// (snake_case names, as templates spell them) and the JSON tree becomes <see cref="ScriptObject"/>s and
/// <see cref="ScriptArray"/>s. Whatever the model holds reaches the templates, with no list of members to keep.
/// </summary>
public sealed class ScriptModel
{
    private readonly JsonElement _tree;

    public ScriptModel(TemplateModel model) =>
        _tree = JsonSerializer.SerializeToElement(model, TemplateModelJson.Default.TemplateModel);

    /// <summary>The model's variables, read-only, as a fresh tree of Scriban values.</summary>
    public ScriptObject Globals() => (ScriptObject)ValueOf(_tree)!;

    private static object? ValueOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ObjectOf(element),
        JsonValueKind.Array => ArrayOf(element),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => NumberOf(element),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static ScriptObject ObjectOf(JsonElement element)
    {
        var result = new ScriptObject();
        foreach (var property in element.EnumerateObject())
            result.SetValue(property.Name, ValueOf(property.Value), readOnly: true);
        return result;
    }

    private static ScriptArray ArrayOf(JsonElement element)
    {
        var result = new ScriptArray(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
            result.Add(ValueOf(item));
        return result;
    }

    // Whole numbers stay whole, as the .NET model's ints did (a depth, a count); anything else is a double.
    private static object NumberOf(JsonElement element) =>
        element.TryGetInt32(out var small) ? small
        : element.TryGetInt64(out var large) ? large
        : element.GetDouble();
}

// Source-generated: no reflection over the model, at start-up or under Native AOT. Dictionary keys (catalog names
// such as `images.postgres`) are written as they are.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(TemplateModel))]
internal sealed partial class TemplateModelJson : JsonSerializerContext;
