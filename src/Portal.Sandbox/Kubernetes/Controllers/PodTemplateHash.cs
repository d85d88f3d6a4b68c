using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>
/// The pod-template-hash label: an FNV-32a hash of the template, written in the "safe" alphabet Kubernetes uses
/// (rand.SafeEncodeString) so it never looks like a word. Templates compare equal ignoring that label, as the controller does.
/// </summary>
internal static class PodTemplateHash
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(JsonNode template)
    {
        var copy = Normalize(template);
        uint hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(copy.ToJsonString()))
        {
            hash = (hash ^ b) * 16777619;
        }

        var digits = hash.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var encoded = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            encoded.Append(SafeAlphabet[c % SafeAlphabet.Length]);
        }

        return encoded.ToString();
    }

    public static bool SameTemplate(JsonNode? a, JsonNode? b) => a is not null && b is not null && JsonNode.DeepEquals(Normalize(a), Normalize(b));

    private static JsonNode Normalize(JsonNode template)
    {
        var copy = template.DeepClone();
        if (copy["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove("pod-template-hash");
        }

        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("creationTimestamp");
        }

        return copy;
    }
}
