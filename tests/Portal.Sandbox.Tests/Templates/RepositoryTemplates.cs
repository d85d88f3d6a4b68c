namespace Portal.Sandbox.Tests.Templates;

/// <summary>The Pulumi programs the repository ships in <c>templates/</c>, found from the test's output folder.</summary>
internal static class RepositoryTemplates
{
    public static string Root { get; } = FindRoot();

    /// <summary>The text of <c>templates/&lt;name&gt;/Pulumi.yaml</c>.</summary>
    public static string ReadProgram(string name) => File.ReadAllText(Path.Combine(Root, "templates", name, "Pulumi.yaml"));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Portal.sln above {AppContext.BaseDirectory}: the templates folder cannot be found.");
    }
}
