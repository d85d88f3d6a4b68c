using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Pulumi;

/// <summary>Fills the data-directory-relative defaults after binding, so config only has to override what differs.</summary>
internal sealed class PulumiOptionsDefaults(IConfiguration configuration) : IPostConfigureOptions<PulumiOptions>
{
    public void PostConfigure(string? name, PulumiOptions options)
    {
        var dataDirectory = configuration["Portal:DataDirectory"];
        var root = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory) ? "data" : dataDirectory);
        if (string.IsNullOrWhiteSpace(options.WorkDirectoryRoot))
        {
            options.WorkDirectoryRoot = Path.Combine(root, "pulumi", "workspaces");
        }

        if (string.IsNullOrWhiteSpace(options.BackendUrl))
        {
            options.BackendUrl = new Uri(Path.Combine(root, "pulumi", "state")).AbsoluteUri;
        }
    }
}
