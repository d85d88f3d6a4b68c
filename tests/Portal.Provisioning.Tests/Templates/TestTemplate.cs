using Portal.Data.Entities;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Tests.Templates;

/// <summary>A template built in code with one parameter of every kind the binder treats differently.</summary>
internal static class TestTemplate
{
    public static EnvironmentTemplate Create() => new(
        "demo",
        "Demo",
        "",
        "/templates/demo",
        "demo",
        [
            Parameter("nodeCount", TemplateParameterType.Integer, "2", minimum: 1, maximum: 20),
            Parameter("ratio", TemplateParameterType.Number, null, required: false, minimum: 0, maximum: 1),
            Parameter("public", TemplateParameterType.Boolean, "false"),
            Parameter("namespace", TemplateParameterType.String, "apps", pattern: "[a-z]+", patternDescription: "lowercase letters only", maxLength: 10, immutable: true),
            Parameter("nickname", TemplateParameterType.String, null, required: false, minLength: 3),
            Parameter("image", TemplateParameterType.String, null),
            Parameter("instanceType", TemplateParameterType.Select, "t3.medium", options: ["t3.medium", "t3.large"]),
            Parameter("cluster", TemplateParameterType.Cluster, null, secret: true, immutable: true),
            Parameter("password", TemplateParameterType.String, null, secret: true, minLength: 8),
            Parameter("apiToken", TemplateParameterType.String, "default-token", secret: true),
        ],
        [EnvironmentClass.Development],
        null,
        [],
        []);

    public static TemplateParameter Parameter(
        string name,
        TemplateParameterType type,
        string? defaultValue,
        bool? required = null,
        bool secret = false,
        string? pattern = null,
        string? patternDescription = null,
        int? minLength = null,
        int? maxLength = null,
        double? minimum = null,
        double? maximum = null,
        string[]? options = null,
        bool immutable = false) =>
        new(name, name, null, type, defaultValue, required ?? defaultValue is null, secret, name, false, pattern, patternDescription,
            minLength, maxLength, minimum, maximum, options ?? [], immutable);
}
