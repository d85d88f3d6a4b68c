namespace Portal.Provisioning.Releases;

/// <summary>A request to run <paramref name="Image"/> in one workload of one environment.</summary>
/// <param name="Environment">The environment's name.</param>
/// <param name="Workload">The template workload's name.</param>
/// <param name="Image">The full image reference, with a tag or a digest.</param>
public sealed record ReleaseCommand(string Environment, string? Workload, string? Image);
