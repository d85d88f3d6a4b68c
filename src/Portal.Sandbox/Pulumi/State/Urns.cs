namespace Portal.Sandbox.Pulumi;

/// <summary><c>urn:pulumi:&lt;stack&gt;::&lt;project&gt;::&lt;type&gt;::&lt;name&gt;</c>.</summary>
internal static class Urns
{
    public const string StackType = "pulumi:pulumi:Stack";

    public static string Create(string stack, string project, string type, string name) => $"urn:pulumi:{stack}::{project}::{type}::{name}";

    public static string Stack(string stack, string project) => Create(stack, project, StackType, $"{project}-{stack}");

    public static string Child(string stack, string project, string parentType, string type, string name) =>
        Create(stack, project, $"{parentType}${type}", name);

    /// <summary>The default provider reference the engine puts in step metadata (the provider resource itself is not modelled).</summary>
    public static string DefaultProvider(string stack, string project, string type)
    {
        var package = type.Split(':')[0];
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(package)))[..12];
        return $"{Create(stack, project, $"pulumi:providers:{package}", "default")}::00000000-0000-4000-8000-{id}";
    }
}
