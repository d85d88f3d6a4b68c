using Portal.Data.Entities;
using Portal.Provisioning.Pulumi;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Environments;

/// <summary>An environment's stack, selected in its workspace and ready for a command.</summary>
public sealed record EnvironmentStack(EnvironmentRecord Environment, EnvironmentTemplate Template, StackWorkspace Workspace);
