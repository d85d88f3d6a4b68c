using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Portal.Web.Tests.Security;

/// <summary>
/// A provider that reads log state the way structured providers do (Serilog-style sinks, OpenTelemetry, the JSON
/// console formatter): every key/value of an <see cref="IReadOnlyList{T}"/> of pairs, the state's own text, and every
/// scope from the external scope provider. It keeps what it read as text, plus the values' CLR types.
/// </summary>
internal sealed class StructuredStateCapturingProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _texts = new();
    private readonly ConcurrentQueue<KeyValuePair<string, object?>> _values = new();
    private IExternalScopeProvider? _scopes;

    /// <summary>Everything read: state text, each "key=value", each scope.</summary>
    public IReadOnlyCollection<string> Texts => _texts;

    /// <summary>Every structured value as the provider received it (type kept).</summary>
    public IReadOnlyCollection<KeyValuePair<string, object?>> Values => _values;

    public int StructuredEntries { get; private set; }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Capture(object? state, Exception? exception, string message)
    {
        _texts.Enqueue(message);
        _texts.Enqueue(state?.ToString() ?? "");
        if (exception is not null)
        {
            _texts.Enqueue(exception.ToString());
        }

        if (state is IReadOnlyList<KeyValuePair<string, object?>> pairs)
        {
            StructuredEntries++;
            for (var i = 0; i < pairs.Count; i++)
            {
                _values.Enqueue(pairs[i]);
                _texts.Enqueue($"{pairs[i].Key}={Convert.ToString(pairs[i].Value, CultureInfo.InvariantCulture)}");
            }
        }

        _scopes?.ForEachScope(
            (scope, texts) =>
            {
                texts.Enqueue(scope?.ToString() ?? "");
                if (scope is IEnumerable<KeyValuePair<string, object?>> items)
                {
                    foreach (var item in items)
                    {
                        texts.Enqueue($"{item.Key}={Convert.ToString(item.Value, CultureInfo.InvariantCulture)}");
                    }
                }
            },
            _texts);
    }

    private sealed class Logger(StructuredStateCapturingProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Capture(state, exception, formatter(state, exception));
    }
}
