namespace Portal.Provisioning.Templates;

/// <summary>The <c>Templates</c> section.</summary>
public sealed class TemplateOptions
{
    public const string SectionName = "Templates";

    /// <summary>The folder holding one sub-folder per template; a relative path is resolved against the application's
    /// base directory (the build copies the repository's <c>templates/</c> there).</summary>
    public string Directory { get; set; } = "templates";

    /// <summary>The absolute path of <see cref="Directory"/>.</summary>
    public string ResolveDirectory() => Path.GetFullPath(Directory, AppContext.BaseDirectory);
}
