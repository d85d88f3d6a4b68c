namespace Portal.Provisioning.Kubernetes.Models;

public sealed class LabelSelectorRequirement
{
    public string Key { get; set; } = "";

    /// <summary>In, NotIn, Exists or DoesNotExist.</summary>
    public string Operator { get; set; } = "";

    public List<string>? Values { get; set; }
}
