namespace Portal.Provisioning.Templates;

/// <summary>One field of the create form and the Pulumi config key it sets.</summary>
/// <param name="Name">Identifier used in forms and the API (<c>nodeCount</c>).</param>
/// <param name="Label">Field label.</param>
/// <param name="Description">Help text under the field.</param>
/// <param name="Type">How the value is entered and checked.</param>
/// <param name="Default">Default value as the user would type it (invariant culture), or null.</param>
/// <param name="Required">A value (or a default) must be given.</param>
/// <param name="Secret">Entered as a password, stored encrypted, set with <c>config set --secret</c>, never shown again.</param>
/// <param name="ConfigKey">The Pulumi config key it sets, e.g. <c>nodeCount</c> or <c>aws:region</c>.</param>
/// <param name="ConfigPath">Set with <c>--path</c> (the key is a path into an object, e.g. <c>app.imageTag</c>).</param>
/// <param name="Pattern">String: a .NET regular expression the whole value must match.</param>
/// <param name="PatternDescription">String: what <paramref name="Pattern"/> means, shown when it does not match.</param>
/// <param name="MinLength">String: minimum length.</param>
/// <param name="MaxLength">String: maximum length.</param>
/// <param name="Minimum">Integer and number: inclusive minimum.</param>
/// <param name="Maximum">Integer and number: inclusive maximum.</param>
/// <param name="Options">Select: the allowed values.</param>
/// <param name="Immutable">Cannot be changed after creation (a region, a VPC CIDR).</param>
public sealed record TemplateParameter(
    string Name,
    string Label,
    string? Description,
    TemplateParameterType Type,
    string? Default,
    bool Required,
    bool Secret,
    string ConfigKey,
    bool ConfigPath,
    string? Pattern,
    string? PatternDescription,
    int? MinLength,
    int? MaxLength,
    double? Minimum,
    double? Maximum,
    IReadOnlyList<string> Options,
    bool Immutable)
{
    /// <summary>The value the user enters is itself secret. A cluster parameter is marked secret for the kubeconfig it
    /// resolves to, but its value is an environment name: stored, shown and compared like any other.</summary>
    public bool HasSecretValue => Secret && Type != TemplateParameterType.Cluster;
}
