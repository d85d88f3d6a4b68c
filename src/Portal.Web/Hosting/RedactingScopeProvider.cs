using Portal.Data.Redaction;

namespace Portal.Web.Hosting;

/// <summary>The factory's scope provider as a wrapped provider sees it: scopes are pushed as given and read back redacted.</summary>
internal sealed class RedactingScopeProvider(IExternalScopeProvider inner, ISecretRedactor redactor) : IExternalScopeProvider
{
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
        inner.ForEachScope((scope, s) => callback(RedactedLogState.Wrap(scope, redactor), s), state);

    public IDisposable Push(object? state) => inner.Push(state);
}
