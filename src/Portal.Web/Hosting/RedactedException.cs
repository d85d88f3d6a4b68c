namespace Portal.Web.Hosting;

/// <summary>Stands in for an exception whose text quoted a secret: it prints the redacted text instead.</summary>
public sealed class RedactedException : Exception
{
    private readonly string _text;

    public RedactedException()
        : this("")
    {
    }

    public RedactedException(string text)
        : base(text) => _text = text;

    public RedactedException(string message, Exception innerException)
        : base(message, innerException) => _text = message;

    public override string ToString() => _text;
}
