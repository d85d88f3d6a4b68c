using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Provisioning.Templates;
using Portal.Web.State;

namespace Portal.Web.Tests.State;

public sealed class ParameterFormModelTests
{
    private static readonly EnvironmentTemplate s_template = new(
        "t", "T", "", "/tmp", "t",
        [
            Parameter("region", TemplateParameterType.Select, "us-east-1", immutable: true),
            Parameter("nodes", TemplateParameterType.Integer, "2"),
            Parameter("ratio", TemplateParameterType.Number, "0.5"),
            Parameter("public", TemplateParameterType.Boolean, "true"),
            Parameter("image", TemplateParameterType.String, null),
            Parameter("password", TemplateParameterType.String, null, secret: true),
        ],
        [EnvironmentClass.Development], null, [], []);

    [Fact]
    public void ForCreate_Defaults_SerializeAsStrictJsonTypesAndLeaveEmptyOut()
    {
        var model = ParameterFormModel.ForCreate(s_template);

        var json = model.ToJson();

        Assert.Equal(JsonValueKind.String, json["region"].ValueKind);
        Assert.Equal(2, json["nodes"].GetInt64());
        Assert.Equal(0.5, json["ratio"].GetDouble());
        Assert.Equal(JsonValueKind.True, json["public"].ValueKind);
        Assert.False(json.ContainsKey("image"));
        Assert.False(json.ContainsKey("password"));
    }

    [Fact]
    public void ForUpdate_StoredValues_PrefillButKeepSecretsEmptyAndImmutablesOut()
    {
        var current = new Dictionary<string, JsonNode?> { ["region"] = "eu-west-1", ["nodes"] = 5, ["image"] = "nginx:1.27" };

        var model = ParameterFormModel.ForUpdate(s_template, current);
        model.Text["region"] = "us-west-2";

        var json = model.ToJson();
        Assert.Equal(5, model.Integers["nodes"]);
        Assert.Null(model.Text["password"]);
        Assert.True(model.IsReadOnly(s_template.Parameters[0]));
        Assert.False(json.ContainsKey("region"));
        Assert.Equal("nginx:1.27", json["image"].GetString());
    }

    [Fact]
    public void ForUpdate_StoredValueEmptied_IsSentAsNullToClearIt_ButNeverSetValuesStayOut()
    {
        var current = new Dictionary<string, JsonNode?> { ["region"] = "eu-west-1", ["nodes"] = 5, ["image"] = "nginx:1.27" };
        var model = ParameterFormModel.ForUpdate(s_template, current);

        model.Text["image"] = "";
        model.Integers["nodes"] = null;
        var json = model.ToJson();

        Assert.Equal(JsonValueKind.Null, json["image"].ValueKind);
        Assert.Equal(JsonValueKind.Null, json["nodes"].ValueKind);
        Assert.False(json.ContainsKey("ratio"));
        Assert.False(json.ContainsKey("password"));
    }

    private static TemplateParameter Parameter(string name, TemplateParameterType type, string? defaultValue, bool secret = false, bool immutable = false) =>
        new(name, name, null, type, defaultValue, false, secret, name, false, null, null, null, null, null, null,
            type == TemplateParameterType.Select ? ["us-east-1", "us-west-2", "eu-west-1"] : [], immutable);
}
