using System.Net;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Access;

namespace Portal.Web.Authentication;

/// <summary>The addresses and CIDR ranges of <c>Auth:TrustedHeader:TrustedProxies</c>.</summary>
public sealed class TrustedProxyList(IOptions<AuthOptions> options)
{
    private readonly Lazy<IReadOnlyList<IPNetwork>> _networks = new(() => [.. options.Value.TrustedHeader.TrustedProxies.Select(Parse)]);

    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return _networks.Value.Any(n => n.Contains(address));
    }

    private static IPNetwork Parse(string text)
    {
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        var address = IPAddress.Parse(text);
        return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }
}
