namespace Portal.Provisioning.Kubernetes.Models;

/// <summary>One host rule; the HTTP paths are kept raw because the portal only shows them.</summary>
public sealed class IngressRule
{
    public string? Host { get; set; }
    public System.Text.Json.JsonElement? Http { get; set; }
}
