namespace Portal.Provisioning.Pulumi;

/// <summary>The folder a stack's commands run in (a copy of the template program plus the stack settings file).</summary>
/// <param name="Directory">Absolute path of the workspace folder (contains Pulumi.yaml).</param>
/// <param name="ProjectName">The <c>name</c> from Pulumi.yaml.</param>
/// <param name="StackName">The stack, e.g. <c>dev</c> (or <c>org/project/stack</c> on Pulumi Cloud).</param>
public sealed record StackWorkspace(string Directory, string ProjectName, string StackName);
