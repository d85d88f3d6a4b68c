using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portal.Provisioning.Templates.Loading;

/// <summary>
/// Reads the fields of one YAML mapping by name, reporting wrongly typed values at their field path, and remembers
/// which names were asked for so that every other field can be reported as unknown: a typo must not be ignored.
/// </summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode _node;
    private readonly ProblemReporter _problems;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public YamlFields(YamlMappingNode node, string path, ProblemReporter problems)
    {
        _node = node;
        Path = path;
        _problems = problems;
    }

    /// <summary>Where this mapping is (<c>parameters[2]</c>), or empty for the root.</summary>
    public string Path { get; }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public void Report(string key, string message) => _problems.Report(PathOf(key), message);

    public bool Has(string key) => Node(key) is not null;

    /// <summary>The value of a field, or null when it is absent or written as YAML null.</summary>
    public YamlNode? Node(string key)
    {
        _known.Add(key);
        foreach (var (name, value) in _node.Children)
        {
            if (name is YamlScalarNode { Value: var text } && text == key)
            {
                return IsNull(value) ? null : value;
            }
        }

        return null;
    }

    public string? String(string key, bool required = false)
    {
        switch (Node(key))
        {
            case null when required:
                Report(key, "is required.");
                return null;
            case null:
                return null;
            case YamlScalarNode scalar when required && string.IsNullOrWhiteSpace(scalar.Value):
                Report(key, "is required.");
                return null;
            case YamlScalarNode scalar:
                return scalar.Value ?? "";
            default:
                Report(key, "must be a single value, not a list or a mapping.");
                return null;
        }
    }

    public bool? Boolean(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Report(key, $"must be true or false, not '{text}'.");
        return null;
    }

    public int? Integer(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(key, $"must be a whole number, not '{text}'.");
        return null;
    }

    public double? Number(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Report(key, $"must be a number, not '{text}'.");
        return null;
    }

    /// <summary>The items of a list field; empty when absent or not a list (then reported).</summary>
    public IReadOnlyList<YamlNode> List(string key)
    {
        switch (Node(key))
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                return sequence.Children.ToList();
            default:
                Report(key, "must be a list.");
                return [];
        }
    }

    /// <summary>A list of single values (<c>classes</c>, <c>options</c>), with the index of each in the list.</summary>
    public IReadOnlyList<(int Index, string Value)> Strings(string key)
    {
        var values = new List<(int, string)>();
        var items = List(key);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is YamlScalarNode { Value: { Length: > 0 } text } && !IsNull(items[i]))
            {
                values.Add((i, text));
            }
            else
            {
                _problems.Report($"{PathOf(key)}[{i}]", "must be a non-empty single value.");
            }
        }

        return values;
    }

    /// <summary>A list of mappings (<c>parameters</c>, <c>workloads</c>), each with its own field path.</summary>
    public IReadOnlyList<YamlFields> Mappings(string key)
    {
        var mappings = new List<YamlFields>();
        var items = List(key);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{PathOf(key)}[{i}]";
            if (items[i] is YamlMappingNode mapping)
            {
                mappings.Add(new YamlFields(mapping, path, _problems));
            }
            else
            {
                _problems.Report(path, "must be a mapping of fields.");
            }
        }

        return mappings;
    }

    public YamlFields? Mapping(string key)
    {
        switch (Node(key))
        {
            case null:
                return null;
            case YamlMappingNode mapping:
                return new YamlFields(mapping, PathOf(key), _problems);
            default:
                Report(key, "must be a mapping of fields.");
                return null;
        }
    }

    /// <summary>Reports every field that no reader asked for; call once all fields were read.</summary>
    public void ReportUnknownFields()
    {
        foreach (var name in _node.Children.Keys)
        {
            if (name is not YamlScalarNode { Value: { } text })
            {
                _problems.Report(Path, "has a field whose name is not a single value.");
            }
            else if (!_known.Contains(text))
            {
                var suggestion = FieldNameSuggestion.Closest(text, _known);
                Report(text, suggestion is null ? "is not a known field." : $"is not a known field (did you mean '{suggestion}'?).");
            }
        }
    }

    // YAML's null: an empty plain value, ~ or null. A quoted "" is an empty string, not null.
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };
}
