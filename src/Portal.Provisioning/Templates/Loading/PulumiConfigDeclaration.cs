namespace Portal.Provisioning.Templates.Loading;

/// <summary>A key declared in the <c>config:</c> block of <c>Pulumi.yaml</c>.</summary>
/// <param name="Type">The declared type (<c>string</c>, <c>integer</c>, <c>boolean</c>…), or null when only a default is given.</param>
/// <param name="Secret">Declared <c>secret: true</c>.</param>
/// <param name="Default">The program's default as written (a scalar), or null when it declares none.</param>
internal sealed record PulumiConfigDeclaration(string? Type, bool Secret, string? Default = null);
