using System.Text.Json.Serialization;

namespace Portal.Provisioning.Kubernetes.Models;

/// <summary>The apimachinery Status object: every API error body, and the object of a watch ERROR event.</summary>
public sealed class Status : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "Status";
    public ObjectMeta Metadata { get; set; } = new();

    /// <summary>Success or Failure.</summary>
    [JsonPropertyName("status")]
    public string? StatusValue { get; set; }
    public string? Message { get; set; }

    /// <summary>NotFound, Conflict, AlreadyExists, Forbidden, Unauthorized, Expired, Gone, Invalid, ...</summary>
    public string? Reason { get; set; }
    public StatusDetails? Details { get; set; }
    public int Code { get; set; }
}
