using Portal.Data.Redaction;

namespace Portal.Web.Hosting;

/// <summary>
/// Wraps a logging provider so that everything it can read passes through the <see cref="ISecretRedactor"/> first: the
/// formatted message, the text of any exception, the structured state (each key/value and <c>{OriginalFormat}</c>, as
/// the JSON console formatter and other structured providers read them) and the scopes. Installed around every
/// provider by <see cref="RedactedLoggingExtensions"/>.
/// </summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner, ISecretRedactor redactor) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    /// <summary>The inner provider reads scopes from the factory's scope provider directly: it gets them redacted.</summary>
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) =>
        (inner as ISupportExternalScope)?.SetScopeProvider(new RedactingScopeProvider(scopeProvider, redactor));

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner, ISecretRedactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(RedactedLogState.Wrap(state, redactor) ?? "");

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Formatters print exceptions with ToString(): one that quotes a secret is replaced by its redacted text.
            var safeException = exception is not null && redactor.Redact(exception.ToString()) is var text && text != exception.ToString()
                ? new RedactedException(text)
                : exception;

            // The state is still a list of key/values (so structured providers keep working), each value redacted.
            inner.Log(logLevel, eventId, new RedactedLogState(state, redactor), safeException, (_, _) => redactor.Redact(formatter(state, exception)));
        }
    }
}
