namespace Portal.Provisioning.Templates;

/// <summary>The kinds of template parameters (named as the manifest spells them).</summary>
#pragma warning disable CA1720 // The manifest's own words: string, integer.
public enum TemplateParameterType
{
    String,
    Integer,
    Number,
    Boolean,

    /// <summary>One of <see cref="TemplateParameter.Options"/>.</summary>
    Select,

    /// <summary>The name of another environment whose template has a kubeconfig output: the config key receives that
    /// kubeconfig (as a secret), so an application service can run on an environment's cluster.</summary>
    Cluster,
}
#pragma warning restore CA1720
