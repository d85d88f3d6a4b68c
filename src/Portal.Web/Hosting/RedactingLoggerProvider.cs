using Portal.Data.Redaction;

namespace Portal.Web.Hosting;

/// <summary>
/// Wraps a logging provider so that every message it writes, and the text of any exception, passes through the
/// <see cref="ISecretRedactor"/> first. Installed around every provider by <see cref="RedactedLoggingExtensions"/>.
/// </summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner, ISecretRedactor redactor) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner, ISecretRedactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Formatters print exceptions with ToString(): one that quotes a secret is replaced by its redacted text.
            var safeException = exception is not null && redactor.Redact(exception.ToString()) is var text && text != exception.ToString()
                ? new RedactedException(text)
                : exception;
            inner.Log(logLevel, eventId, state, safeException, (s, e) => redactor.Redact(formatter(s, exception)));
        }
    }
}
