using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portal.Provisioning.Templates.Loading;

/// <summary>Reads a YAML file whose root is a mapping, turning read and syntax errors into problems.</summary>
internal static class YamlDocumentReader
{
    public static YamlMappingNode? ReadMapping(string path, ProblemReporter problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Report("", $"cannot be read: {ex.Message}");
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            problems.Report("", $"is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {Describe(ex)}");
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            problems.Report("", "must hold exactly one YAML document.");
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Report("", "must be a YAML mapping of fields.");
            return null;
        }

        return root;
    }

    // YamlException.Message starts with the start and end marks, which the problem already gives as line and column.
    private static string Describe(YamlException ex)
    {
        var innermost = ex.InnerException is YamlException inner ? inner : ex;
        var message = innermost.Message;
        var marksEnd = message.IndexOf("): ", StringComparison.Ordinal);
        return marksEnd >= 0 && message.StartsWith('(') ? message[(marksEnd + 3)..] : message;
    }
}
