namespace Portal.E2E.Tests.Infrastructure;

/// <summary>Finds the repository and the portal's build output from the test's own location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the same configuration the tests were built with.</summary>
    public static string Configuration { get; } = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string PortalExecutable
    {
        get
        {
            var output = Path.Combine(Root, "src", "Portal.Web", "bin", Configuration, "net9.0");
            var candidates = Directory.Exists(output)
                ? Directory.GetFiles(output, OperatingSystem.IsWindows() ? "Portal.Web.exe" : "Portal.Web", SearchOption.AllDirectories)
                : [];
            return candidates.OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                ?? throw new FileNotFoundException($"The portal is not built under {output}. Run `dotnet build` first.");
        }
    }

    public static string ScreenshotDirectory
    {
        get
        {
            var directory = Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Root, "artifacts", "screenshots");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Portal.sln not found above " + AppContext.BaseDirectory);
    }
}
