using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Provisioning.Environments;
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

    private static readonly EnvironmentTemplate s_selects = new(
        "s", "S", "", "/tmp", "s",
        [
            Parameter("size", TemplateParameterType.Select, "small"),
            Parameter("zone", TemplateParameterType.Select, null),
            Parameter("tier", TemplateParameterType.Select, "gold") with { Required = true },
            Parameter("region", TemplateParameterType.Select, "us-east-1", immutable: true),
            Parameter("image", TemplateParameterType.String, "nginx:1.27"),
        ],
        [EnvironmentClass.Development], null, [], []);

    [Fact]
    public void CanClear_OptionalSelects_EvenWithADefault_ButNotRequiredOrReadOnlyOnes()
    {
        var create = ParameterFormModel.ForCreate(s_selects);
        var update = ParameterFormModel.ForUpdate(s_selects, new Dictionary<string, JsonNode?> { ["size"] = "large", ["tier"] = "gold", ["region"] = "us-east-1" });

        Assert.True(create.CanClear(s_selects.Parameters[0]));
        Assert.True(create.CanClear(s_selects.Parameters[1]));
        Assert.False(create.CanClear(s_selects.Parameters[2]));
        Assert.True(create.CanClear(s_selects.Parameters[3]));
        Assert.True(update.CanClear(s_selects.Parameters[0]));
        Assert.False(update.CanClear(s_selects.Parameters[2]));
        Assert.False(update.CanClear(s_selects.Parameters[3]));
        Assert.False(update.CanClear(s_template.Parameters[3])); // a switch
        Assert.False(update.CanClear(s_template.Parameters[5])); // a secret: empty keeps the stored value
    }

    [Fact]
    public void ForCreate_SelectWithADefaultCleared_IsLeftOutAndTheBinderUsesTheDefault_AsForText()
    {
        var model = ParameterFormModel.ForCreate(s_selects);

        model.Text["size"] = null;
        model.Text["image"] = "";
        var json = model.ToJson();
        var bound = TemplateParameterBinder.Bind(s_selects, json);

        Assert.False(json.ContainsKey("size"));
        Assert.False(json.ContainsKey("image"));
        Assert.Empty(bound.Errors);
        Assert.Equal("small", bound.Values["size"]!.GetValue<string>());
        Assert.Equal("nginx:1.27", bound.Values["image"]!.GetValue<string>());
        Assert.Equal("Empty: the default (small) is used.", model.ClearHint(s_selects.Parameters[0]));
        Assert.Equal("Empty: the default (nginx:1.27) is used.", model.ClearHint(s_selects.Parameters[4]));
        Assert.Equal("Default: small", model.EmptyPlaceholder(s_selects.Parameters[0]));
        Assert.Null(model.EmptyPlaceholder(s_selects.Parameters[1]));
    }

    [Fact]
    public void ForUpdate_StoredSelectCleared_IsSentAsNullAndTheBinderUnsetsIt_AsForText()
    {
        var current = new Dictionary<string, JsonNode?> { ["size"] = "large", ["tier"] = "gold", ["region"] = "us-east-1", ["image"] = "nginx:1.28" };
        var model = ParameterFormModel.ForUpdate(s_selects, current);

        model.Text["size"] = null;
        model.Text["image"] = null;
        var json = model.ToJson();
        var bound = TemplateParameterBinder.Bind(s_selects, json, current);

        Assert.Equal(JsonValueKind.Null, json["size"].ValueKind);
        Assert.Equal(JsonValueKind.Null, json["image"].ValueKind);
        Assert.False(json.ContainsKey("zone"));
        Assert.Empty(bound.Errors);
        Assert.True(bound.Values.ContainsKey("size"));
        Assert.Null(bound.Values["size"]);
        Assert.Null(bound.Values["image"]);
        Assert.Null(bound.Values["zone"]);
        Assert.Equal("gold", bound.Values["tier"]!.GetValue<string>());
        var change = Assert.Single(ParameterChanges.Compare(s_selects, current, bound.Values, []), c => c.Name == "size");
        Assert.Equal(("large", (string?)null), (change.Before, change.After));
        Assert.Equal("Empty: not set, so the template's default (small) applies.", model.ClearHint(s_selects.Parameters[0]));
        Assert.Equal("Empty: not set; the template has no default, so the program decides.", model.ClearHint(s_selects.Parameters[1]));
        Assert.Null(model.ClearHint(s_selects.Parameters[2]));
        Assert.Null(model.ClearHint(s_selects.Parameters[3]));
        Assert.Equal("(unset)", model.EmptyPlaceholder(s_selects.Parameters[0]));
        Assert.Null(model.EmptyPlaceholder(s_selects.Parameters[2]));
    }

    [Fact]
    public void ForUpdate_RequiredSelectCleared_IsRefusedAtTheField()
    {
        var current = new Dictionary<string, JsonNode?> { ["size"] = "large", ["tier"] = "gold", ["region"] = "us-east-1" };
        var model = ParameterFormModel.ForUpdate(s_selects, current);

        model.Text["tier"] = null;
        var bound = TemplateParameterBinder.Bind(s_selects, model.ToJson(), current);

        Assert.Equal(["Tier is required."], bound.Errors["parameters.tier"].Select(e => "Tier " + e));
    }

    private static TemplateParameter Parameter(string name, TemplateParameterType type, string? defaultValue, bool secret = false, bool immutable = false) =>
        new(name, name, null, type, defaultValue, false, secret, name, false, null, null, null, null, null, null,
            type == TemplateParameterType.Select ? ["us-east-1", "us-west-2", "eu-west-1", "small", "large", "gold", "silver"] : [], immutable);
}
