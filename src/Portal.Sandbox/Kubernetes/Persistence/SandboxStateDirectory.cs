using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Kubernetes.Persistence;

/// <summary>
/// The files that make a sandbox cluster the same cluster after a restart, as a real one outlives the portal: the CA and
/// API server certificate with their keys (<c>ca.crt</c>, <c>ca.key</c>, <c>apiserver.crt</c>, <c>apiserver.key</c>,
/// PEM), the bearer token (<c>token</c>), the ports chosen at the first start (<c>ports.json</c>) and every object
/// (<c>objects.json</c>, see <see cref="StoreSnapshot"/>). Together they keep the kubeconfig text identical across
/// restarts. A file that cannot be used is moved aside (<c>.corrupt-&lt;timestamp&gt;</c>) and logged, never fatal.
/// </summary>
internal sealed class SandboxStateDirectory
{
    public const string AuthorityCertificateFile = "ca.crt";
    public const string AuthorityKeyFile = "ca.key";
    public const string ServerCertificateFile = "apiserver.crt";
    public const string ServerKeyFile = "apiserver.key";
    public const string TokenFile = "token";
    public const string PortsFile = "ports.json";
    public const string ObjectsFile = "objects.json";
    private static readonly string[] s_certificateFiles = [AuthorityCertificateFile, AuthorityKeyFile, ServerCertificateFile, ServerKeyFile];
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SandboxStateDirectory(string path, TimeProvider time, ILogger logger)
    {
        FullPath = System.IO.Path.GetFullPath(path);
        _time = time;
        _logger = logger;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(FullPath);
        }
        else
        {
            // Owner-only: it holds the CA key and the token (the mode applies only when the directory is created).
            Directory.CreateDirectory(FullPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string FullPath { get; }

    public string PathOf(string file) => System.IO.Path.Combine(FullPath, file);

    public SandboxCertificates LoadOrCreateCertificates(string clusterName)
    {
        var present = s_certificateFiles.Where(f => File.Exists(PathOf(f))).ToList();
        if (present.Count == s_certificateFiles.Length)
        {
            try
            {
                var saved = new SandboxCertificates.PemFiles(
                    File.ReadAllText(PathOf(AuthorityCertificateFile)),
                    File.ReadAllText(PathOf(AuthorityKeyFile)),
                    File.ReadAllText(PathOf(ServerCertificateFile)),
                    File.ReadAllText(PathOf(ServerKeyFile)));
                var loaded = SandboxCertificates.LoadOrRenew(clusterName, saved, out var renewed);
                if (renewed)
                {
                    AtomicFile.WriteText(PathOf(ServerKeyFile), loaded.Pems.ServerKey);
                    AtomicFile.WriteText(PathOf(ServerCertificateFile), loaded.Pems.ServerCertificate);
                    PersistenceLog.ServerCertificateRenewed(_logger, FullPath);
                }

                return loaded;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                MoveAside(present, ex, PersistenceLog.CredentialsCorrupt);
            }
        }
        else if (present.Count > 0)
        {
            // A first start that stopped between these writes: the set is unusable without all four.
            MoveAside(present, new FileNotFoundException($"Only {string.Join(", ", present)} of the certificate files exist."), PersistenceLog.CredentialsCorrupt);
        }

        var created = SandboxCertificates.Create(clusterName);
        AtomicFile.WriteText(PathOf(AuthorityKeyFile), created.Pems.AuthorityKey);
        AtomicFile.WriteText(PathOf(AuthorityCertificateFile), created.Pems.AuthorityCertificate);
        AtomicFile.WriteText(PathOf(ServerKeyFile), created.Pems.ServerKey);
        AtomicFile.WriteText(PathOf(ServerCertificateFile), created.Pems.ServerCertificate);
        return created;
    }

    public string LoadOrCreateToken()
    {
        var path = PathOf(TokenFile);
        if (File.Exists(path))
        {
            try
            {
                var saved = File.ReadAllText(path).Trim();

                // It goes into an Authorization header and a kubeconfig as is.
                if (saved.Length >= 16 && saved.All(c => c is > ' ' and < '\u007f'))
                {
                    return saved;
                }

                throw new InvalidDataException("The token is too short or holds characters a header cannot carry.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                MoveAside([TokenFile], ex, PersistenceLog.CredentialsCorrupt);
            }
        }

        var token = SandboxCluster.NewToken();
        AtomicFile.WriteText(path, token + "\n");
        return token;
    }

    /// <summary>The ports saved by an earlier start (null where none was saved).</summary>
    public (int? Http, int? Https) LoadPorts()
    {
        var path = PathOf(PortsFile);
        if (!File.Exists(path))
        {
            return (null, null);
        }

        try
        {
            var saved = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException("Not a JSON object.");
            return (Port(saved, "http"), Port(saved, "https"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or JsonException or InvalidOperationException)
        {
            MoveAside([PortsFile], ex, PersistenceLog.CredentialsCorrupt);
            return (null, null);
        }
    }

    public void SavePorts(int? http, int? https)
    {
        var ports = new JsonObject();
        if (http is { } httpPort)
        {
            ports["http"] = httpPort;
        }

        if (https is { } httpsPort)
        {
            ports["https"] = httpsPort;
        }

        AtomicFile.WriteText(PathOf(PortsFile), ports.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>The saved objects, or null for a new cluster or a state file that cannot be used (moved aside and logged).</summary>
    public StoreSnapshot? LoadSnapshot()
    {
        var path = PathOf(ObjectsFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return StoreSnapshot.Read(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            MoveAside([ObjectsFile], ex, PersistenceLog.StateCorrupt);
            return null;
        }
    }

    private static int? Port(JsonObject saved, string name) => saved[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<int>(out var port) && port is > 0 and <= 65535 => port,
        _ => throw new InvalidDataException($"'{name}' is not a port number."),
    };

    private void MoveAside(IEnumerable<string> files, Exception reason, Action<ILogger, Exception, string, string> log)
    {
        var now = _time.GetUtcNow();
        foreach (var file in files)
        {
            var path = PathOf(file);
            try
            {
                log(_logger, reason, path, AtomicFile.MoveAside(path, now));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // It will be overwritten by the next save; the portal still starts.
                PersistenceLog.MoveAsideFailed(_logger, ex, path);
            }
        }
    }
}
