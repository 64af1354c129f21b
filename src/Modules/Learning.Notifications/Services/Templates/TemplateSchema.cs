using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Learning.Notifications.Services.Templates;

/// <summary>
/// The variable paths a type's model has: <c>course.title</c>, <c>overdue</c>, <c>overdue[]</c> (an element),
/// <c>overdue[].name</c>. Every prefix of a path is a path.
/// </summary>
public sealed class TemplateSchema
{
    private readonly FrozenSet<string> paths;

    private TemplateSchema(IEnumerable<string> paths) => this.paths = paths.ToFrozenSet(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Paths => paths;

    public bool Contains(string path) => paths.Contains(path);

    /// <summary>The paths a template author can write, in the sample's order (<c>overdue[].name</c> as <c>overdue[].name</c>).</summary>
    public IReadOnlyList<string> Leaves { get; private init; } = [];

    public static TemplateSchema FromSample(JsonObject sample)
    {
        var all = new List<string>();
        var leaves = new List<string>();
        Collect(sample, "", all, leaves);
        return new TemplateSchema(all) { Leaves = leaves };
    }

    private static void Collect(JsonNode? node, string prefix, List<string> all, List<string> leaves)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var path = prefix.Length == 0 ? name : prefix + "." + name;
                    all.Add(path);
                    Collect(child, path, all, leaves);
                }

                break;
            case JsonArray array:
                var element = prefix + "[]";
                all.Add(element);
                leaves.Add(prefix);
                if (array.Count > 0)
                {
                    Collect(array[0], element, all, leaves);
                }

                break;
            default:
                leaves.Add(prefix);
                break;
        }
    }
}
