using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Portal.Web.Tests.Security;

/// <summary>
/// The real JSON console formatter (<c>AddJsonConsole</c>, scopes included) writing each entry to a string instead of
/// the console, so a test sees exactly the JSON lines a container log collector would.
/// </summary>
internal sealed class JsonConsoleCapturingProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ServiceProvider _services;
    private readonly ConsoleFormatter _formatter;
    private readonly StringWriter _output = new();
    private readonly Lock _gate = new();
    private IExternalScopeProvider? _scopes;

    public JsonConsoleCapturingProvider()
    {
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddJsonConsole(options => options.IncludeScopes = true))
            .BuildServiceProvider();
        _formatter = _services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
    }

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        _output.Dispose();
        _services.Dispose();
    }

    private sealed class Logger(JsonConsoleCapturingProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => NullLogger.Instance.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter);
            lock (owner._gate)
            {
                owner._formatter.Write(in entry, owner._scopes, owner._output);
            }
        }
    }
}
