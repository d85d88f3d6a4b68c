using System.Globalization;
using System.Text.Json.Serialization;

namespace Portal.Provisioning.Kubernetes.Models;

/// <summary>The Kubernetes IntOrString: maxSurge, maxUnavailable and targetPort are either 1 or "25%".</summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString(int? IntValue, string? StringValue)
{
    public static IntOrString FromInt(int value) => new(value, null);

    public static IntOrString FromString(string value) => new(null, value);

    public bool IsPercent => StringValue is not null && StringValue.EndsWith('%');

    /// <summary>Resolves a count or percentage against a total the way the deployment controller does.</summary>
    public int Resolve(int total, bool roundUp)
    {
        if (IntValue is { } value)
        {
            return value;
        }

        if (IsPercent && int.TryParse(StringValue.AsSpan(0, StringValue!.Length - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent))
        {
            var exact = total * percent / 100.0;
            return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
        }

        return int.TryParse(StringValue, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
    }

    public override string ToString() => IntValue?.ToString(CultureInfo.InvariantCulture) ?? StringValue ?? "";
}
