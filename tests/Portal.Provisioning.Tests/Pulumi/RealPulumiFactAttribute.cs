namespace Portal.Provisioning.Tests.Pulumi;

/// <summary>Runs a test only when the real <c>pulumi</c> CLI is on PATH; otherwise skips and says why.</summary>
public sealed class RealPulumiFactAttribute : FactAttribute
{
    public RealPulumiFactAttribute()
    {
        if (FindPulumi() is null)
        {
            Skip = "The real pulumi CLI is not on PATH (install it from https://www.pulumi.com/docs/install/ to run the real-CLI tests).";
        }
    }

    public static string? FindPulumi()
    {
        var name = OperatingSystem.IsWindows() ? "pulumi.exe" : "pulumi";
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
