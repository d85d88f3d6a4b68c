using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes;

/// <summary>
/// <see cref="IClusterClient"/> over plain HTTP + System.Text.Json. One instance per cluster, shared: it owns the
/// cluster's HttpClient (one connection pool) and its credential cache.
/// </summary>
public sealed partial class ClusterClient : IClusterClient, IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue s_json = new("application/json");

    // kubectl sends "application/json, */*": the log subresource answers text/plain.
    private static readonly MediaTypeWithQualityHeaderValue s_any = new("*/*");

    private readonly ClusterConnection _connection;
    private readonly HttpClient _http;
    private readonly KubernetesOptions _options;
    private readonly ILogger _logger;

    public ClusterClient(ClusterConnection connection, KubernetesOptions options, ILogger<ClusterClient> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _options = options;
        _logger = logger;
        _http = ClusterHttpClientFactory.Create(connection);
    }

    public Uri Server => _connection.Server;

    public string DefaultNamespace => _connection.DefaultNamespace;

    public async Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken) =>
        await SendForObjectAsync(() => new HttpRequestMessage(HttpMethod.Get, "/version"), KubernetesJsonContext.Default.VersionInfo, cancellationToken);

    public Task<T> GetAsync<T>(KubernetesResource<T> resource, string? ns, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        SendForObjectAsync(() => new HttpRequestMessage(HttpMethod.Get, resource.ItemPath(ns ?? DefaultNamespace, name)), resource.TypeInfo, cancellationToken);

    public Task<KubernetesList<T>> ListAsync<T>(KubernetesResource<T> resource, string? ns, ListOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        var query = new QueryBuilder()
            .Add("labelSelector", options?.LabelSelector)
            .Add("fieldSelector", options?.FieldSelector)
            .Add("limit", options?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("continue", options?.Continue)
            .Add("resourceVersion", options?.ResourceVersion);
        var path = resource.CollectionPath(ns) + query;
        return SendForObjectAsync(() => new HttpRequestMessage(HttpMethod.Get, path), resource.ListTypeInfo, cancellationToken);
    }

    public Task<T> CreateAsync<T>(KubernetesResource<T> resource, string? ns, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(item);
        var path = resource.CollectionPath(ns ?? item.Metadata.Namespace ?? DefaultNamespace);
        item.ApiVersion ??= resource.ApiVersion;
        item.Kind ??= resource.Kind;
        var body = JsonSerializer.SerializeToUtf8Bytes(item, resource.TypeInfo);
        return SendForObjectAsync(() => WithJson(HttpMethod.Post, path, body, "application/json"), resource.TypeInfo, cancellationToken);
    }

    public Task<T> ReplaceAsync<T>(KubernetesResource<T> resource, string? ns, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(item);
        var path = resource.ItemPath(ns ?? item.Metadata.Namespace ?? DefaultNamespace, item.Metadata.Name ?? throw new ArgumentException("metadata.name is required", nameof(item)));
        item.ApiVersion ??= resource.ApiVersion;
        item.Kind ??= resource.Kind;
        var body = JsonSerializer.SerializeToUtf8Bytes(item, resource.TypeInfo);
        return SendForObjectAsync(() => WithJson(HttpMethod.Put, path, body, "application/json"), resource.TypeInfo, cancellationToken);
    }

    public Task<T> PatchAsync<T>(KubernetesResource<T> resource, string? ns, string name, PatchType type, string patch, CancellationToken cancellationToken, string? fieldManager = null)
        where T : class, IKubernetesObject
    {
        var contentType = type switch
        {
            PatchType.StrategicMerge => "application/strategic-merge-patch+json",
            PatchType.Merge => "application/merge-patch+json",
            _ => "application/json-patch+json",
        };
        var path = resource.ItemPath(ns ?? DefaultNamespace, name) + new QueryBuilder().Add("fieldManager", fieldManager ?? "portal");
        var body = Encoding.UTF8.GetBytes(patch);
        return SendForObjectAsync(() => WithJson(HttpMethod.Patch, path, body, contentType), resource.TypeInfo, cancellationToken);
    }

    public async Task<T?> DeleteAsync<T>(KubernetesResource<T> resource, string? ns, string name, DeleteOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        var query = new QueryBuilder()
            .Add("propagationPolicy", options?.PropagationPolicy)
            .Add("gracePeriodSeconds", options?.GracePeriodSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var path = resource.ItemPath(ns ?? DefaultNamespace, name) + query;
        using var timeout = CreateTimeout(cancellationToken);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, path), HttpCompletionOption.ResponseContentRead, timeout.Token, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);

        // The server answers with the object while finalizers hold it (200 + deletionTimestamp), or with a Success Status once gone.
        using var document = JsonDocument.Parse(bytes);
        if (document.RootElement.TryGetProperty("kind", out var kind) && kind.GetString() == "Status")
        {
            return null;
        }

        return document.RootElement.Deserialize(resource.TypeInfo);
    }

    public async Task<string> ReadPodLogAsync(string? ns, string pod, PodLogOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var query = new QueryBuilder()
            .Add("container", options.Container)
            .Add("tailLines", options.TailLines?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("previous", options.Previous ? "true" : null)
            .Add("limitBytes", options.LimitBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var path = KubernetesResources.Pods.ItemPath(ns ?? DefaultNamespace, pod) + "/log" + query;
        using var timeout = CreateTimeout(cancellationToken);
        try
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseContentRead, timeout.Token, cancellationToken);
            return await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The Kubernetes API call to {_connection.Server} did not finish within {_options.RequestTimeout.TotalSeconds:0}s.");
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage WithJson(HttpMethod method, string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new HttpRequestMessage(method, path) { Content = content };
    }

    private CancellationTokenSource CreateTimeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        return timeout;
    }

    private async Task<TResult> SendForObjectAsync<TResult>(
        Func<HttpRequestMessage> createRequest, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResult> typeInfo, CancellationToken cancellationToken)
    {
        using var timeout = CreateTimeout(cancellationToken);
        try
        {
            using var response = await SendAsync(createRequest, HttpCompletionOption.ResponseHeadersRead, timeout.Token, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, timeout.Token)
                ?? throw new JsonException("The API server returned an empty body.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The Kubernetes API call to {_connection.Server} did not finish within {_options.RequestTimeout.TotalSeconds:0}s.");
        }
    }

    /// <summary>
    /// Sends with the cluster's credential. After a 401 the credential is invalidated (an exec plugin re-runs) and the
    /// request is sent once more, so a rotated token costs the caller nothing.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest, HttpCompletionOption completion, CancellationToken token, CancellationToken callerToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = createRequest();
            request.RequestUri = UnderServer(request.RequestUri!);
            request.Headers.Accept.Add(s_json);
            request.Headers.Accept.Add(s_any);
            var authorization = _connection.Credentials is null ? null : await _connection.Credentials.GetAuthorizationAsync(token);
            request.Headers.Authorization = authorization;
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, completion, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested && !callerToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The Kubernetes API call to {_connection.Server} did not finish within {_options.RequestTimeout.TotalSeconds:0}s.");
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && authorization is not null && attempt == 0
                    && _connection.Credentials!.Invalidate(authorization))
                {
                    KubernetesLog.CredentialRejected(_logger, _connection.Server);
                    continue;
                }

                throw KubernetesApiException.From(await ReadStatusAsync(response, token));
            }
        }
    }

    /// <summary>
    /// The API paths are rooted ("/api/v1/…"); resolved against the base address they would drop a path in the
    /// kubeconfig's server URL (a proxy, or a virtual cluster at https://host/clusters/name). client-go appends them to
    /// that path, and so do we.
    /// </summary>
    private Uri UnderServer(Uri requestUri)
    {
        if (requestUri.IsAbsoluteUri)
        {
            return requestUri;
        }

        var server = _connection.Server;
        return new Uri(server.GetLeftPart(UriPartial.Authority) + server.AbsolutePath.TrimEnd('/') + requestUri.OriginalString);
    }

    internal static async Task<Status> ReadStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Status? status = null;
        try
        {
            status = JsonSerializer.Deserialize(body, KubernetesJsonContext.Default.Status);
        }
        catch (JsonException)
        {
            // Not every failure is a Status (a proxy or load balancer may answer); fall back to the HTTP status below.
        }

        if (status is null || status.Code == 0)
        {
            status = new Status
            {
                StatusValue = "Failure",
                Code = (int)response.StatusCode,
                Reason = response.StatusCode.ToString(),
                Message = string.IsNullOrWhiteSpace(body) ? $"the server responded with {(int)response.StatusCode} {response.ReasonPhrase}" : body.Trim(),
            };
        }

        return status;
    }
}
