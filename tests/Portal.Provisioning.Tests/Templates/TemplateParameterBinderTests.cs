using System.Text.Json.Nodes;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Tests.Templates;

public sealed class TemplateParameterBinderTests
{
    private static readonly EnvironmentTemplate s_template = TestTemplate.Create();

    private static readonly Dictionary<string, JsonNode?> s_stored = new()
    {
        ["nodeCount"] = 3,
        ["ratio"] = null,
        ["public"] = true,
        ["namespace"] = "team",
        ["nickname"] = null,
        ["image"] = "nginx:1.27",
        ["instanceType"] = "t3.large",
        ["cluster"] = "prod",
    };

    [Fact]
    public void Bind_CreateWithRequiredValues_AppliesDefaultsAndSeparatesSecrets()
    {
        var result = Create("""{"image": "nginx:1.27", "cluster": "prod", "password": "correct horse"}""");

        Assert.True(result.IsValid);
        Assert.Equal(
            """{"nodeCount":2,"ratio":null,"public":false,"namespace":"apps","nickname":null,"image":"nginx:1.27","instanceType":"t3.medium","cluster":"prod"}""",
            new JsonObject(result.Values.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))).ToJsonString());
        Assert.Equal(new Dictionary<string, string> { ["password"] = "correct horse", ["apiToken"] = "default-token" }, result.Secrets);
    }

    [Fact]
    public void Bind_UnknownName_IsAnError()
    {
        var result = Create("""{"image": "nginx:1.27", "cluster": "prod", "password": "correct horse", "nodeCuont": 3}""");

        Assert.Equal(["is not a parameter of template 'demo'."], result.Errors["parameters.nodeCuont"]);
    }

    [Theory]
    [InlineData("nodeCount", "\"3\"", "must be an integer between 1 and 20.")]
    [InlineData("nodeCount", "3.5", "must be an integer between 1 and 20.")]
    [InlineData("nodeCount", "true", "must be an integer between 1 and 20.")]
    [InlineData("nodeCount", "0", "must be an integer between 1 and 20.")]
    [InlineData("nodeCount", "21", "must be an integer between 1 and 20.")]
    [InlineData("ratio", "\"0.5\"", "must be a number between 0 and 1.")]
    [InlineData("ratio", "1.5", "must be a number between 0 and 1.")]
    [InlineData("public", "\"true\"", "must be true or false.")]
    [InlineData("public", "1", "must be true or false.")]
    [InlineData("image", "42", "must be a string.")]
    [InlineData("namespace", "\"Team\"", "must be lowercase letters only.")]
    [InlineData("nickname", "\"ab\"", "must be at least 3 characters long.")]
    [InlineData("instanceType", "\"t3.small\"", "must be one of: t3.medium, t3.large.")]
    [InlineData("instanceType", "1", "must be one of: t3.medium, t3.large.")]
    [InlineData("cluster", "\"Prod_1\"", "must be the name of an environment, a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit).")]
    [InlineData("password", "\"short\"", "must be at least 8 characters long.")]
    public void Bind_ValueBreakingARule_ReportsItAtTheParameter(string name, string json, string message)
    {
        var result = Create($$"""{"image": "nginx:1.27", "cluster": "prod", "password": "correct horse", "{{name}}": {{json}}}""");

        Assert.Equal([message], result.Errors["parameters." + name]);
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Bind_StringBreakingLengthAndPattern_ReportsBoth()
    {
        var result = Create("""{"image": "nginx:1.27", "cluster": "prod", "password": "correct horse", "namespace": "Much-Too-Long"}""");

        Assert.Equal(["must be at most 10 characters long.", "must be lowercase letters only."], result.Errors["parameters.namespace"]);
    }

    [Fact]
    public void Bind_CreateWithoutRequiredValues_ReportsEachAsRequired()
    {
        var result = Create("""{"image": null, "cluster": ""}""");

        Assert.Equal(["parameters.cluster", "parameters.image", "parameters.password"], result.Errors.Keys.Order());
        Assert.All(result.Errors.Values, messages => Assert.Equal(["is required."], messages));
        Assert.DoesNotContain(result.Values.Keys, name => name is "image" or "cluster");
    }

    [Fact]
    public void Bind_EmptyOrNullOptionalValue_TakesTheDefault()
    {
        var result = Create("""{"image": "nginx:1.27", "cluster": "prod", "password": "correct horse", "namespace": "", "nodeCount": null}""");

        Assert.True(result.IsValid);
        Assert.Equal("apps", result.Values["namespace"]!.GetValue<string>());
        Assert.Equal(2, result.Values["nodeCount"]!.GetValue<long>());
    }

    [Fact]
    public void Bind_NumberParameter_TakesIntegersToo()
    {
        var result = Create("""{"image": "nginx:1.27", "cluster": "prod", "password": "correct horse", "ratio": 1}""");

        Assert.True(result.IsValid);
        Assert.Equal("1", TemplateParameterBinder.ToConfigString(s_template.FindParameter("ratio")!, result.Values["ratio"]));
    }

    [Fact]
    public void Bind_SecretValue_NeverAppearsInValues()
    {
        var result = Create("""{"image": "nginx:1.27", "cluster": "prod", "password": "correct horse", "apiToken": "tok-123"}""");

        Assert.DoesNotContain("password", result.Values.Keys);
        Assert.DoesNotContain("apiToken", result.Values.Keys);
        Assert.Equal("tok-123", result.Secrets["apiToken"]);
    }

    [Fact]
    public void Bind_UpdateWithNothingGiven_KeepsStoredValuesAndSecrets()
    {
        var result = Update("{}");

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Keys));
        Assert.Equal(3, result.Values["nodeCount"]!.GetValue<int>());
        Assert.Equal("team", result.Values["namespace"]!.GetValue<string>());
        Assert.Equal("t3.large", result.Values["instanceType"]!.GetValue<string>());
        Assert.Empty(result.Secrets);
    }

    [Fact]
    public void Bind_UpdateChangingMutableValues_TakesThem()
    {
        var result = Update("""{"nodeCount": 5, "password": "new password"}""");

        Assert.True(result.IsValid);
        Assert.Equal(5, result.Values["nodeCount"]!.GetValue<long>());
        Assert.Equal("new password", result.Secrets["password"]);
    }

    [Fact]
    public void Bind_UpdateChangingImmutableValues_RefusesEach()
    {
        var result = Update("""{"namespace": "other", "cluster": "staging"}""");

        Assert.Equal(["cannot be changed after creation."], result.Errors["parameters.namespace"]);
        Assert.Equal(["cannot be changed after creation."], result.Errors["parameters.cluster"]);
    }

    [Fact]
    public void Bind_UpdateRepeatingImmutableValueStoredAsJson_IsNotAChange()
    {
        var stored = JsonNode.Parse("""{"nodeCount": 3, "namespace": "team", "image": "nginx:1.27", "cluster": "prod"}""")!.AsObject()
            .ToDictionary(kv => kv.Key, kv => kv.Value);

        var result = TemplateParameterBinder.Bind(s_template, BinderInput.Json("""{"namespace": "team", "cluster": "prod"}"""), stored);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Keys));
    }

    [Fact]
    public void Bind_UpdateWithNullOrEmptyForOptionalValues_ClearsThemAndKeepsWhatIsNotGiven()
    {
        var result = Update("""{"nodeCount": null, "nickname": "", "ratio": null}""");

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Keys));
        Assert.Null(result.Values["nodeCount"]);
        Assert.Null(result.Values["nickname"]);
        Assert.Null(result.Values["ratio"]);
        Assert.True(result.Values.ContainsKey("nickname"));
        Assert.Equal("nginx:1.27", result.Values["image"]!.GetValue<string>());
        Assert.Equal("t3.large", result.Values["instanceType"]!.GetValue<string>());
    }

    [Fact]
    public void Bind_UpdateClearingOptionalWithDefault_LeavesItUnsetRatherThanDefault()
    {
        var result = Update("""{"instanceType": null}""");

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Keys));
        Assert.True(result.Values.ContainsKey("instanceType"));
        Assert.Null(result.Values["instanceType"]);
    }

    [Fact]
    public void Bind_UpdateClearingRequiredOrImmutableValue_RefusesAtTheField()
    {
        var result = Update("""{"image": null, "namespace": null}""");

        Assert.Equal(["is required."], result.Errors["parameters.image"]);
        Assert.Equal(["cannot be changed after creation."], result.Errors["parameters.namespace"]);
    }

    [Fact]
    public void Bind_CreateWithNull_StillTakesTheDefault()
    {
        var result = Create("""{"image": "nginx:1.27", "cluster": "prod", "password": "correct horse", "instanceType": null}""");

        Assert.Equal("t3.medium", result.Values["instanceType"]!.GetValue<string>());
    }

    [Fact]
    public void Bind_UpdateOfParameterAddedSinceCreation_TakesItsDefault()
    {
        var stored = new Dictionary<string, JsonNode?>(s_stored);
        stored.Remove("instanceType");

        var result = TemplateParameterBinder.Bind(s_template, BinderInput.Json("{}"), stored);

        Assert.Equal("t3.medium", result.Values["instanceType"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("nodeCount", "7", "7")]
    [InlineData("ratio", "0.25", "0.25")]
    [InlineData("public", "true", "true")]
    [InlineData("public", "false", "false")]
    [InlineData("instanceType", "\"t3.large\"", "t3.large")]
    [InlineData("cluster", "\"prod\"", "prod")]
    public void ToConfigString_BoundValue_IsWhatPulumiConfigSetTakes(string name, string json, string expected)
    {
        var parameter = s_template.FindParameter(name)!;

        Assert.Equal(expected, TemplateParameterBinder.ToConfigString(parameter, JsonNode.Parse(json)));
        Assert.Equal(expected, TemplateParameterBinder.ToConfigString(parameter, ParameterValueOf(parameter, json)));
    }

    [Fact]
    public void ToConfigString_NullOrWrongKind_Throws()
    {
        var nodeCount = s_template.FindParameter("nodeCount")!;

        Assert.Throws<ArgumentException>(() => TemplateParameterBinder.ToConfigString(nodeCount, null));
        Assert.Throws<ArgumentException>(() => TemplateParameterBinder.ToConfigString(nodeCount, JsonValue.Create("7")));
        Assert.Throws<ArgumentException>(() => TemplateParameterBinder.ToConfigString(nodeCount, JsonValue.Create(7.5)));
    }

    private static ParameterBindingResult Create(string json) => TemplateParameterBinder.Bind(s_template, BinderInput.Json(json));

    private static ParameterBindingResult Update(string json) => TemplateParameterBinder.Bind(s_template, BinderInput.Json(json), s_stored);

    // The node the binder itself produces (long, double, bool or string), as opposed to one parsed from stored JSON.
    private static JsonNode ParameterValueOf(TemplateParameter parameter, string json)
    {
        var input = BinderInput.Json($$"""{"{{parameter.Name}}": {{json}}, "image": "x:1", "cluster": "prod", "password": "correct horse"}""");
        return TemplateParameterBinder.Bind(s_template, input).Values[parameter.Name]!;
    }
}
