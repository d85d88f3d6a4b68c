using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Access;

namespace Portal.Web.Authentication;

/// <summary>
/// <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> from the peers of <c>Auth:ForwardedHeadersProxies</c> only (none by
/// default: the headers are ignored). The TCP peer is kept first (<see cref="TcpPeer"/>) for checks that are about the
/// connection itself, such as the trusted-header proxy's address.
/// </summary>
public static class ForwardedHeadersSetup
{
    private const string PeerKey = "portal:tcp-peer";

    public static WebApplication UsePortalForwardedHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var proxies = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.ForwardedHeadersProxies;
        app.Use((context, next) =>
        {
            context.Items[PeerKey] = context.Connection.RemoteIpAddress;
            return next(context);
        });
        if (proxies.Count == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            if (System.Net.IPNetwork.TryParse(proxy, out var network))
            {
                options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(network.BaseAddress, network.PrefixLength));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        }

        app.UseForwardedHeaders(options);
        return app;
    }

    /// <summary>The address of the connection's other end, before any forwarded header was applied.</summary>
    public static IPAddress? TcpPeer(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(PeerKey, out var peer) ? peer as IPAddress : context.Connection.RemoteIpAddress;
    }
}
