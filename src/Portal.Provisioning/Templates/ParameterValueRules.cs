using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.Provisioning.Templates;

/// <summary>The rules a parameter puts on a value of the right type, phrased for the person who typed it.
/// Shared by the binder (user input) and the loader (manifest defaults).</summary>
internal static class ParameterValueRules
{
    // Patterns come from manifests and values from users: bound the time one match may take.
    private static readonly TimeSpan s_patternTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>What a value must be, in a sentence fragment ("must be an integer between 1 and 20").</summary>
    public static string Expectation(TemplateParameter parameter) => parameter.Type switch
    {
        TemplateParameterType.Integer => "must be an integer" + Range(parameter),
        TemplateParameterType.Number => "must be a number" + Range(parameter),
        TemplateParameterType.Boolean => "must be true or false",
        TemplateParameterType.Select => "must be one of: " + string.Join(", ", parameter.Options),
        TemplateParameterType.Cluster => "must be the name of an environment, " + DnsLabel.Description,
        _ => "must be a string",
    };

    /// <summary>Every rule the value breaks; empty when it is valid. The value must be of the parameter's type.</summary>
    public static IReadOnlyList<string> Check(TemplateParameter parameter, JsonNode value)
    {
        switch (parameter.Type)
        {
            case TemplateParameterType.String:
                return CheckString(parameter, value.GetValue<string>());
            case TemplateParameterType.Integer:
                return InRange(parameter, value.GetValue<long>()) ? [] : [Expectation(parameter)];
            case TemplateParameterType.Number:
                return InRange(parameter, value.GetValue<double>()) ? [] : [Expectation(parameter)];
            case TemplateParameterType.Select:
                return parameter.Options.Contains(value.GetValue<string>(), StringComparer.Ordinal) ? [] : [Expectation(parameter)];
            case TemplateParameterType.Cluster:
                return DnsLabel.IsValid(value.GetValue<string>()) ? [] : [Expectation(parameter)];
            default:
                return [];
        }
    }

    private static List<string> CheckString(TemplateParameter parameter, string value)
    {
        var errors = new List<string>();
        var tooShort = parameter.MinLength is { } min && value.Length < min;
        var tooLong = parameter.MaxLength is { } max && value.Length > max;
        if (tooShort || tooLong)
        {
            errors.Add((parameter.MinLength, parameter.MaxLength) switch
            {
                ({ } low, { } high) => $"must be between {low} and {high} characters long",
                ({ } low, null) => $"must be at least {low} characters long",
                (_, var high) => $"must be at most {high} characters long",
            });
        }

        if (parameter.Pattern is { } pattern && !MatchesWhole(pattern, value))
        {
            errors.Add(parameter.PatternDescription is { } description ? $"must be {description}" : $"must match the pattern {pattern}");
        }

        return errors;
    }

    private static bool MatchesWhole(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, $@"\A(?:{pattern})\z", RegexOptions.CultureInvariant, s_patternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool InRange(TemplateParameter parameter, double value) =>
        !(value < parameter.Minimum) && !(value > parameter.Maximum);

    private static string Range(TemplateParameter parameter) => (parameter.Minimum, parameter.Maximum) switch
    {
        ({ } low, { } high) => $" between {Format(low)} and {Format(high)}",
        ({ } low, null) => $" of at least {Format(low)}",
        (null, { } high) => $" of at most {Format(high)}",
        _ => "",
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
