using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Sandbox.Kubernetes.Api;
using Portal.Sandbox.Kubernetes.Persistence;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes;

/// <summary>
/// A Kubernetes-compatible API server on loopback (HTTP and HTTPS), backed by a simulated cluster kept in memory and,
/// with <see cref="SandboxKubernetesOptions.StateDirectory"/>, saved to disk so it survives restarts.
/// Start one in-process with <see cref="StartAsync"/>; the portal (sandbox mode), tests and benchmarks use it, and
/// <c>Portal.Sandbox kube-server</c> runs it standalone.
/// </summary>
public sealed class SandboxKubernetesServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxCluster _cluster;
    private readonly SandboxCertificates _certificates;
    private readonly StoreSnapshotWriter? _snapshots;
    private readonly VirtualClusters _virtualClusters;
    private int _disposed;

    private SandboxKubernetesServer(
        WebApplication app, SandboxCluster cluster, VirtualClusters virtualClusters, SandboxCertificates certificates, StoreSnapshotWriter? snapshots, Uri? httpUrl, Uri? httpsUrl)
    {
        _app = app;
        _cluster = cluster;
        _virtualClusters = virtualClusters;
        _certificates = certificates;
        _snapshots = snapshots;
        HttpUrl = httpUrl;
        HttpsUrl = httpsUrl;
    }

    public Uri? HttpUrl { get; }

    public Uri? HttpsUrl { get; }

    public string ClusterName => _cluster.Options.ClusterName;

    /// <summary>The bearer token every request over HTTPS must carry.</summary>
    public string Token => _cluster.Token;

    /// <summary>PEM of the CA that signed the HTTPS certificate (what the kubeconfig's certificate-authority-data holds).</summary>
    public string CertificateAuthorityPem => _certificates.AuthorityPem;

    /// <summary>A kubeconfig (JSON, as Pulumi emits) for the HTTPS endpoint with the CA and token; HTTP when HTTPS is disabled.</summary>
    public string Kubeconfig => CreateKubeconfig(HttpsUrl is not null);

    public static async Task<SandboxKubernetesServer> StartAsync(SandboxKubernetesOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxKubernetesOptions();
        if (options.Speed <= 0)
        {
            throw new ArgumentException("Speed must be positive.", nameof(options));
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<SandboxKubernetesServer>();
        var state = options.StateDirectory is { } directory ? new SandboxStateDirectory(directory, TimeProvider.System, logger) : null;
        var certificates = state?.LoadOrCreateCertificates(options.ClusterName) ?? SandboxCertificates.Create(options.ClusterName);
        var token = options.Token ?? state?.LoadOrCreateToken() ?? SandboxCluster.NewToken();
        var (savedHttp, savedHttps) = state?.LoadPorts() ?? (null, null);

        // "Pick a free port" means the one picked the first time, so kubeconfigs written then still work.
        var httpPort = options.HttpPort == 0 ? savedHttp ?? 0 : options.HttpPort;
        var httpsPort = options.HttpsPort == 0 ? savedHttps ?? 0 : options.HttpsPort;
        var restored = state?.LoadSnapshot();
        var cluster = new SandboxCluster(options, token, restored, TimeProvider.System, logger);
        if (restored is not null)
        {
            PersistenceLog.StateRestored(logger, state!.PathOf(SandboxStateDirectory.ObjectsFile), restored.Objects.Count, cluster.Store.CurrentVersion);
            if (!restored.Clean)
            {
                PersistenceLog.UncleanShutdown(logger, state.PathOf(SandboxStateDirectory.ObjectsFile), ObjectStore.UncleanRestartVersionGap);
            }
        }

        var virtualClusters = new VirtualClusters(options, token, state?.FullPath, logger);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SandboxKubernetesServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (httpPort >= 0)
            {
                kestrel.Listen(IPAddress.Loopback, httpPort, listen => listen.Protocols = HttpProtocols.Http1);
            }

            if (httpsPort >= 0)
            {
                kestrel.Listen(IPAddress.Loopback, httpsPort, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = certificates.Server,

                        // Optional client certificates: the request handler accepts ones the cluster CA issued.
                        ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                        ClientCertificateValidation = (_, _, _) => true,
                    });
                });
            }
        });

        var app = builder.Build();
        var router = new ApiRouter(new ApiRequestHandler(cluster), virtualClusters, options, token, certificates);
        app.Run(router.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            await app.DisposeAsync();
            await cluster.DisposeAsync();
            await virtualClusters.DisposeAsync();
            certificates.Dispose();
            var saved = new[] { (Port: savedHttp, Used: httpPort, Name: "HTTP"), (Port: savedHttps, Used: httpsPort, Name: "HTTPS") }
                .Where(p => p.Port is not null && p.Port == p.Used).Select(p => $"{p.Port} ({p.Name})").ToList();
            if (ex is IOException && state is not null && saved.Count > 0)
            {
                var file = state.PathOf(SandboxStateDirectory.PortsFile);
                throw new IOException(
                    $"The sandbox Kubernetes API server cannot listen on port {string.Join(" and ", saved)} saved in {file}: {ex.Message} "
                    + $"Another process holds it (another portal on the same data directory?). Stop that process, or delete {file} so the next start "
                    + "picks a free port; kubeconfigs written before then point at the old port.",
                    ex);
            }

            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        var httpUrl = addresses.FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttp);
        var httpsUrl = addresses.FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttps);
        StoreSnapshotWriter? snapshots = null;
        if (state is not null)
        {
            if (httpUrl?.Port != savedHttp || httpsUrl?.Port != savedHttps)
            {
                state.SavePorts(httpUrl?.Port, httpsUrl?.Port);
            }

            // Before the controllers start, so their first changes are saved too.
            snapshots = new StoreSnapshotWriter(cluster.Store, state.PathOf(SandboxStateDirectory.ObjectsFile), logger);
            snapshots.Start();
        }

        cluster.Start();
        virtualClusters.Start();
        return new SandboxKubernetesServer(app, cluster, virtualClusters, certificates, snapshots, httpUrl, httpsUrl);
    }

    /// <summary>
    /// A kubeconfig for this server. Over HTTPS it carries the CA and bearer token; over HTTP only the server, because
    /// kubectl (client-go) never sends credentials over plain HTTP. With <paramref name="virtualCluster"/> (a virtual
    /// cluster's name) the server URL ends in <c>/clusters/{name}</c>.
    /// </summary>
    public string CreateKubeconfig(bool https = true, string? ns = null, string? virtualCluster = null)
    {
        var server = (https ? HttpsUrl : HttpUrl) ?? throw new InvalidOperationException($"The {(https ? "HTTPS" : "HTTP")} endpoint is disabled.");
        var name = ClusterName;
        var prefix = virtualCluster is null ? "" : $"/{VirtualClusters.PathSegment}/{Uri.EscapeDataString(virtualCluster)}";
        var cluster = new JsonObject { ["server"] = server.GetLeftPart(UriPartial.Authority) + prefix };
        var user = new JsonObject();
        if (https)
        {
            cluster["certificate-authority-data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(CertificateAuthorityPem));
            user["token"] = Token;
        }

        var config = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["current-context"] = name,
            ["preferences"] = new JsonObject(),
            ["clusters"] = new JsonArray(new JsonObject { ["name"] = name, ["cluster"] = cluster }),
            ["contexts"] = new JsonArray(new JsonObject
            {
                ["name"] = name,
                ["context"] = new JsonObject { ["cluster"] = name, ["user"] = name + "-admin", ["namespace"] = ns ?? "default" },
            }),
            ["users"] = new JsonArray(new JsonObject { ["name"] = name + "-admin", ["user"] = user }),
        };
        return config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// Creates the named virtual cluster, served under <c>/clusters/{name}/</c> with its own objects and controllers;
    /// false when it exists already. Another process does the same with POST /apis/sandbox.portal.io/v1/virtualclusters.
    /// </summary>
    public async Task<bool> CreateVirtualClusterAsync(string name, CancellationToken cancellationToken = default) =>
        (await _virtualClusters.GetOrCreateAsync(name, cancellationToken)).Created;

    /// <summary>Deletes the named virtual cluster with its objects and saved state; false when there is none.</summary>
    public async Task<bool> DeleteVirtualClusterAsync(string name, CancellationToken cancellationToken = default) =>
        await _virtualClusters.DeleteAsync(name, cancellationToken) is not null;

    /// <summary>The virtual clusters served now, by name.</summary>
    public IReadOnlyList<string> VirtualClusterNames => [.. _virtualClusters.List().Select(c => c.Name)];

    /// <summary>
    /// Simulates etcd compaction: forgets the change history and closes every open watch, so clients that resume
    /// from the version they last saw get 410 Expired and must re-list.
    /// </summary>
    public void ExpireWatchHistory() => _cluster.Store.ExpireHistory();

    /// <summary>Issues a client certificate (PEM) that this server accepts instead of the bearer token.</summary>
    public (string CertificatePem, string KeyPem) IssueClientCertificate(string user) => _certificates.IssueClientCertificate(user);

    /// <summary>Watch streams open on this server right now.</summary>
    public int ActiveWatchCount => _cluster.Store.ActiveWatchCount;

    /// <summary>The current global resourceVersion.</summary>
    public long ResourceVersion => _cluster.Store.CurrentVersion;

    public async ValueTask DisposeAsync()
    {
        // Once: a second call (a host stopping twice) would stop disposed clusters and wait on disposed locks.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _cluster.DisposeAsync();

        // Open watch streams never end by themselves: without a bound, Kestrel's stop waits its default 30 s for them.
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(stopping.Token);
        }

        // Last, once neither controllers nor requests can change anything: this snapshot is complete ("clean").
        if (_snapshots is not null)
        {
            await _snapshots.DisposeAsync();
        }

        // No request can reach them any more: each stops its controllers, then writes its clean snapshot.
        await _virtualClusters.DisposeAsync();

        await _app.DisposeAsync();
        _certificates.Dispose();
    }
}
