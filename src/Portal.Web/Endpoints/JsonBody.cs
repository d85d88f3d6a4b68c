using System.Text.Json;

namespace Portal.Web.Endpoints;

/// <summary>
/// Reads a request body as a JSON object by hand, so a wrong type is reported against its field (RFC 7807
/// <c>errors</c>) instead of failing the whole binding with a generic 400.
/// </summary>
public sealed class JsonBody
{
    private readonly JsonElement _root;
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    private JsonBody(JsonElement root) => _root = root;

    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    /// <summary>The parsed body, or the problem to answer with when it is not a JSON object.</summary>
    public static async Task<(JsonBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Results.Problem(title: "Invalid request body", detail: "The body must be a JSON object.", statusCode: StatusCodes.Status400BadRequest));
            }

            return (new JsonBody(document.RootElement.Clone()), null);
        }
        catch (JsonException ex)
        {
            return (null, Results.Problem(title: "Invalid request body", detail: $"The body is not valid JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    /// <summary>A string field; null when absent or null; an error when of another type.</summary>
    public string? GetString(string field)
    {
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _errors[field] = [$"'{field}' must be a string."];
            return null;
        }

        return value.GetString();
    }

    /// <summary>A whole-number field; null when absent or null; an error when of another type.</summary>
    public long? GetInt64(string field)
    {
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            _errors[field] = [$"'{field}' must be a whole number."];
            return null;
        }

        return number;
    }

    /// <summary>An object field as its properties; empty when absent; an error when of another type.</summary>
    public IReadOnlyDictionary<string, JsonElement> GetObject(string field)
    {
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return new Dictionary<string, JsonElement>();
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            _errors[field] = [$"'{field}' must be an object of parameter values."];
            return new Dictionary<string, JsonElement>();
        }

        return value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    /// <summary>Fields this endpoint does not know: reported, so a typo is not silently ignored.</summary>
    public void RejectUnknown(params string[] known)
    {
        foreach (var property in _root.EnumerateObject().Where(p => !known.Contains(p.Name, StringComparer.Ordinal)))
        {
            _errors[property.Name] = [$"Unknown field '{property.Name}'; expected: {string.Join(", ", known)}."];
        }
    }

    public void AddError(string field, string message) => _errors[field] = [message];
}
