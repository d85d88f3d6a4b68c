using Portal.Provisioning.Environments;

namespace Portal.Provisioning.Releases;

/// <summary>
/// What a release would do. For a <c>pulumi-config</c> workload, <see cref="Command"/> carries a queued preview job
/// (an <c>environment.preview</c> whose result is the Pulumi diff); for a <c>patch</c> workload there is no job and the
/// preview is <see cref="CurrentImage"/> → <see cref="NewImage"/>, read from the live Deployment.
/// </summary>
/// <param name="Command">Accepted (with the preview job for pulumi-config), or why not (field errors keyed <c>workload</c>/<c>image</c>).</param>
/// <param name="Strategy">The workload's strategy: <c>pulumi-config</c> or <c>patch</c>.</param>
/// <param name="CurrentImage">The container's image now (null when the Deployment cannot be read).</param>
/// <param name="NewImage">The normalized image that would be released.</param>
public sealed record ReleasePreviewResult(EnvironmentCommandResult Command, string? Strategy, string? CurrentImage, string? NewImage);
