using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Portal.Provisioning.Kubernetes.Configuration;

namespace Portal.Provisioning.Kubernetes.Authentication;

/// <summary>
/// Runs a client.authentication.k8s.io exec plugin (v1 or v1beta1) like client-go: never interactively, with
/// KUBERNETES_EXEC_INFO set, the credential cached until its expirationTimestamp and dropped after a 401.
/// </summary>
public sealed class ExecCredentialProvider : ICredentialProvider, IDisposable
{
    private const string V1 = "client.authentication.k8s.io/v1";
    private const string V1Beta1 = "client.authentication.k8s.io/v1beta1";

    private readonly ExecConfig _config;
    private readonly string _userName;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _execInfo;
    private AuthenticationHeaderValue? _cached;
    private DateTimeOffset? _expiresAt;

    public ExecCredentialProvider(ExecConfig config, string userName, TimeSpan timeout, TimeProvider timeProvider, ILogger logger, KubeconfigCluster? clusterInfo = null)
    {
        if (config.ApiVersion is not (V1 or V1Beta1))
        {
            throw new KubeconfigException($"exec plugin apiVersion '{config.ApiVersion}' for {userName} is not supported (use {V1} or {V1Beta1}).");
        }

        if (config.ApiVersion == V1 && string.IsNullOrEmpty(config.InteractiveMode))
        {
            throw new KubeconfigException($"interactiveMode must be specified for {userName} to use exec authentication plugin");
        }

        _config = config;
        _userName = userName;
        _timeout = timeout;
        _timeProvider = timeProvider;
        _logger = logger;
        _execInfo = ExecInfo(config.ApiVersion, clusterInfo);
    }

    /// <summary>How many times the plugin process has run; the portal shows it in diagnostics and tests assert caching with it.</summary>
    public int Runs { get; private set; }

    public async ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is not null && (_expiresAt is null || _timeProvider.GetUtcNow() < _expiresAt))
            {
                return _cached;
            }

            var credential = await RunPluginAsync(cancellationToken);
            _cached = new AuthenticationHeaderValue("Bearer", credential.Token);
            _expiresAt = credential.ExpirationTimestamp;
            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    public bool Invalidate(AuthenticationHeaderValue rejected)
    {
        // Only drop the credential the server rejected; a concurrent refresh may already have replaced it.
        if (_cached is not null && _cached.Parameter == rejected.Parameter)
        {
            _cached = null;
            _expiresAt = null;
        }

        return true;
    }

    private async Task<ExecCredentialStatus> RunPluginAsync(CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(_config.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in _config.Args ?? [])
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var variable in _config.Env ?? [])
        {
            startInfo.Environment[variable.Name] = variable.Value;
        }

        startInfo.Environment["KUBERNETES_EXEC_INFO"] = _execInfo;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new CredentialPluginException($"exec plugin {_config.Command} did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            var hint = string.IsNullOrEmpty(_config.InstallHint) ? "" : " " + _config.InstallHint;
            throw new CredentialPluginException($"exec plugin: executable {_config.Command} not found for {_userName}.{hint}", ex);
        }

        using (process)
        {
            Runs++;
            KubernetesLog.ExecPluginStarted(_logger, _config.Command, _userName);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new CredentialPluginException($"exec plugin {_config.Command} did not finish within {_timeout.TotalSeconds:0}s");
            }

            var output = await stdout;
            var errors = await stderr;
            if (process.ExitCode != 0)
            {
                throw new CredentialPluginException($"exec plugin {_config.Command} exited with {process.ExitCode}: {errors.Trim()}");
            }

            return ParseCredential(output);
        }
    }

    /// <summary>What client-go passes in KUBERNETES_EXEC_INFO; spec.cluster only when the kubeconfig sets provideClusterInfo.</summary>
    private static string ExecInfo(string apiVersion, KubeconfigCluster? cluster)
    {
        var spec = new JsonObject { ["interactive"] = false };
        if (cluster is not null)
        {
            spec["cluster"] = new JsonObject
            {
                ["server"] = cluster.Server,
                ["tls-server-name"] = cluster.TlsServerName,
                ["insecure-skip-tls-verify"] = cluster.InsecureSkipTlsVerify,
                ["certificate-authority-data"] = cluster.CertificateAuthorityData,
                ["proxy-url"] = cluster.ProxyUrl,
            };
        }

        return new JsonObject { ["kind"] = "ExecCredential", ["apiVersion"] = apiVersion, ["spec"] = spec }.ToJsonString();
    }

    private ExecCredentialStatus ParseCredential(string output)
    {
        ExecCredential? credential;
        try
        {
            credential = JsonSerializer.Deserialize(output, KubernetesJsonContext.Default.ExecCredential);
        }
        catch (JsonException ex)
        {
            throw new CredentialPluginException($"exec plugin {_config.Command} printed something that is not an ExecCredential", ex);
        }

        if (credential?.ApiVersion != _config.ApiVersion)
        {
            throw new CredentialPluginException(
                $"exec plugin is configured to use API version {_config.ApiVersion}, plugin returned version {credential?.ApiVersion}");
        }

        var status = credential.Status ?? throw new CredentialPluginException("exec plugin didn't return a status field");
        if (status.ClientCertificateData is not null || status.ClientKeyData is not null)
        {
            throw new CredentialPluginException("exec plugin returned a client certificate; the portal supports token credentials from plugins only");
        }

        if (string.IsNullOrEmpty(status.Token))
        {
            throw new CredentialPluginException("exec plugin didn't return a token or cert/key pair");
        }

        return status;
    }
}
