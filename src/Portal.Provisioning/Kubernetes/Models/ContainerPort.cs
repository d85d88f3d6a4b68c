using System.Text.Json.Serialization;

namespace Portal.Provisioning.Kubernetes.Models;

public sealed class ContainerPort
{
    public string? Name { get; set; }
    [JsonPropertyName("containerPort")]
    public int Port { get; set; }
    public string? Protocol { get; set; }
}
