using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Portal.E2E.Tests.Infrastructure;

/// <summary>
/// The real portal in a child process on a free loopback port, with its own data directory: what a user runs,
/// not a test server. Stop() is a graceful shutdown; Kill() is a crash.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    // The running portals by origin, so a failing page step can say what its portal logged.
    private static readonly ConcurrentDictionary<string, PortalProcess> s_running = new(StringComparer.Ordinal);
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    /// <summary>The bootstrap API token every test portal is started with (Admin; actor <c>bootstrap</c>).</summary>
    public const string BootstrapToken = "e2e-bootstrap-token-0123456789abcdefghijklmnop";

    private PortalProcess(string dataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        DataDirectory = dataDirectory;
        var start = new ProcessStartInfo(RepositoryPaths.PortalExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataDirectory"] = Path.Combine(dataDirectory, "data");
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Auth__BootstrapToken"] = BootstrapToken;
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("The portal exited before listening:\n" + Output));
    }

    public string DataDirectory { get; }

    public Uri BaseAddress => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException("Not started.");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static async Task<PortalProcess> StartAsync(string? dataDirectory = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("portal-e2e-").FullName;
        var portal = new PortalProcess(dataDirectory, settings ?? new Dictionary<string, string>());
        portal._process.Start();
        portal._process.BeginOutputReadLine();
        portal._process.BeginErrorReadLine();
        await portal._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return portal;
    }

    /// <summary>An HttpClient for the portal's REST API, authenticated with <see cref="BootstrapToken"/>.</summary>
    public HttpClient CreateApiClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BootstrapToken);
        return client;
    }

    /// <summary>A crash: SIGKILL, no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>The last warnings and errors the portal serving <paramref name="url"/> logged, or a note that none is known.</summary>
    /// <param name="url">A page's URL.</param>
    /// <param name="lines">How many lines, counted from the end.</param>
    public static string ProblemsLoggedBy(string url, int lines = 60)
    {
        var origin = new Uri(url).GetLeftPart(UriPartial.Authority);
        if (!s_running.TryGetValue(origin, out var portal))
        {
            return $"(no running test portal at {origin})";
        }

        // The console log: a "level: category" line, then the message and any exception indented under it.
        var problems = new List<string>();
        var inProblem = false;
        lock (portal._output)
        {
            foreach (var line in portal._output)
            {
                if (LevelLine().Match(line) is { Success: true } level)
                {
                    inProblem = level.Groups[1].Value is "warn" or "fail" or "crit";
                }

                if (inProblem)
                {
                    problems.Add(line);
                }
            }
        }

        return problems.Count == 0 ? "(no warnings or errors)" : string.Join('\n', problems.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        if (_listening.Task.IsCompletedSuccessfully)
        {
            s_running.TryRemove(new KeyValuePair<string, PortalProcess>(BaseAddress.GetLeftPart(UriPartial.Authority), this));
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            var address = new Uri(match.Groups[1].Value);
            s_running[address.GetLeftPart(UriPartial.Authority)] = this;
            _listening.TrySetResult(address);
        }
    }

    [GeneratedRegex("^(trce|dbug|info|warn|fail|crit): ")]
    private static partial Regex LevelLine();

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
