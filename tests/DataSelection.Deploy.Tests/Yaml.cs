using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace DataSelection.Deploy.Tests;

/// <summary>
/// A read-only view of one YAML value (mapping, sequence or scalar). A missing key gives a node
/// that does not exist, so paths read without null checks; merge keys (<c>&lt;&lt;: *anchor</c>) are applied.
/// </summary>
internal sealed class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();
    private readonly object? value;

    private Yaml(object? value, string path)
    {
        this.value = value;
        Path = path;
    }

    /// <summary>Where this node is, for failure messages.</summary>
    public string Path { get; }

    public bool Exists => value is not null;

    public Yaml this[string key] => value is IDictionary<object, object> map && map.TryGetValue(key, out var child)
        ? new Yaml(child, $"{Path}.{key}")
        : new Yaml(null, $"{Path}.{key}");

    public IReadOnlyList<Yaml> Items => value is IList<object> list
        ? list.Select((item, index) => new Yaml(item, $"{Path}[{index}]")).ToList()
        : [];

    public IReadOnlyDictionary<string, Yaml> Entries => value is IDictionary<object, object> map
        ? map.ToDictionary(pair => (string)pair.Key, pair => new Yaml(pair.Value, $"{Path}.{pair.Key}"), StringComparer.Ordinal)
        : new Dictionary<string, Yaml>(StringComparer.Ordinal);

    /// <summary>The scalar's text, or null for a missing node, a mapping or a sequence.</summary>
    public string? Text => value as string;

    public int Integer => int.TryParse(Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
        ? number
        : throw new InvalidOperationException($"{Path} is '{Text}', not a whole number.");

    public static IReadOnlyList<Yaml> LoadAll(string text, string name)
    {
        var parser = new MergingParser(new Parser(new StringReader(text)));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var documents = new List<Yaml>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            var document = Deserializer.Deserialize<object?>(parser);
            if (document is not null)
            {
                documents.Add(new Yaml(document, $"{name}#{documents.Count}"));
            }
        }
        return documents;
    }

    public static Yaml Load(string text, string name) => LoadAll(text, name).Single();

    public override string ToString() => $"{Path} = {Text ?? value?.GetType().Name ?? "(missing)"}";
}
