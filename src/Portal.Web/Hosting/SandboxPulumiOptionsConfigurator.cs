using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Provisioning.Pulumi;

namespace Portal.Web.Hosting;

/// <summary>
/// In sandbox mode the Pulumi command is the sandbox's generated launcher and the passphrase of its throwaway state is
/// a fixed demo value, unless configuration says otherwise. The driver itself is the same in both modes: it just runs
/// whatever command it is given. The section is read unvalidated here (see DataProtectionKeysConfigurator for why).
/// </summary>
public sealed class SandboxPulumiOptionsConfigurator(IConfiguration configuration) : IPostConfigureOptions<PulumiOptions>
{
    /// <summary>Protects only simulated state; live mode must configure its own.</summary>
    public const string SandboxPassphrase = "sandbox-demo-passphrase";

    public void PostConfigure(string? name, PulumiOptions options)
    {
        var portal = configuration.GetSection(PortalOptions.SectionName).Get<PortalOptions>() ?? new PortalOptions();
        if (portal.Mode != PortalMode.Sandbox)
        {
            return;
        }

        if (options.Command == "pulumi")
        {
            options.Command = Path.Combine(SandboxOptions.LauncherDirectoryUnder(portal.DataDirectoryFullPath), "pulumi");
        }

        options.ConfigPassphrase ??= SandboxPassphrase;
    }
}
