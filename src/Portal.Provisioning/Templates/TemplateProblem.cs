namespace Portal.Provisioning.Templates;

/// <summary>Why a template was not loaded: the file and the field at fault.</summary>
/// <param name="Template">The template folder name.</param>
/// <param name="File">Path of the file, relative to the templates folder (<c>eks-environment/portal.yaml</c>).</param>
/// <param name="Field">The field at fault, as a path (<c>parameters[2].configKey</c>), or empty for the whole file.</param>
/// <param name="Message">What is wrong, in a sentence.</param>
public sealed record TemplateProblem(string Template, string File, string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? $"{File}: {Message}" : $"{File}: {Field}: {Message}";
}
