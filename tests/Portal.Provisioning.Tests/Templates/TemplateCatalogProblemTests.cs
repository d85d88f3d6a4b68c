namespace Portal.Provisioning.Tests.Templates;

public sealed class TemplateCatalogProblemTests : IDisposable
{
    private readonly TemplateFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_ValidFixture_HasNoProblems()
    {
        var catalog = _folder.Add("demo").Load();

        Assert.Empty(catalog.Problems);
        var template = Assert.Single(catalog.Templates);
        Assert.Equal(Path.Combine(_folder.Path, "demo"), template.ProgramDirectory);
        Assert.Equal(4, template.Classes.Count);
        Assert.Equal("url", Assert.Single(template.HighlightedOutputs).Label);
    }

    [Theory]
    [InlineData("unknown field", "    default: hi\n", "    defualt: hi\n", "parameters[0].defualt", "is not a known field (did you mean 'default'?).")]
    [InlineData("unknown top-level field", "displayName: Demo\n", "displayName: Demo\nworkload: []\n", "workload", "is not a known field (did you mean 'workloads'?).")]
    [InlineData("missing displayName", "displayName: Demo\n", "", "displayName", "is required.")]
    [InlineData("parameter without a name", "  - name: greeting\n", "  - label: Greeting\n", "parameters[0].name", "is required.")]
    [InlineData("duplicate parameter", "  - name: count\n", "  - name: greeting\n", "parameters[1].name", "'greeting' is already the name of parameters[0].")]
    [InlineData("bad type", "    type: integer\n", "    type: int\n", "parameters[1].type", "must be one of: string, integer, number, boolean, select, cluster (not 'int').")]
    [InlineData("bad pattern", "    default: hi\n", "    default: hi\n    pattern: '[a-'\n", "parameters[0].pattern", "is not a valid .NET regular expression")]
    [InlineData("pattern on an integer", "    minimum: 1\n", "    minimum: 1\n    pattern: '[0-9]+'\n", "parameters[1].pattern", "only applies to string parameters.")]
    [InlineData("default out of range", "    default: 2\n", "    default: 9\n", "parameters[1].default", "must be an integer between 1 and 5 (the default is '9').")]
    [InlineData("default not an integer", "    default: 2\n", "    default: two\n", "parameters[1].default", "must be an integer between 1 and 5 (the default is 'two').")]
    [InlineData("default breaks the pattern", "    default: hi\n", "    default: hi\n    pattern: '[a-z]{3,}'\n    patternDescription: three letters or more\n", "parameters[0].default", "must be three letters or more (the default is 'hi').")]
    [InlineData("default outside the options", "outputs:\n", "  - name: size\n    type: select\n    options: [small, large]\n    default: medium\n    configKey: other:size\noutputs:\n", "parameters[4].default", "must be one of: small, large (the default is 'medium').")]
    [InlineData("select without options", "outputs:\n", "  - name: size\n    type: select\n    configKey: other:size\noutputs:\n", "parameters[4].options", "is required for a select")]
    [InlineData("configKey not declared", "    configKey: greeting\n", "    configKey: greting\n", "parameters[0].configKey", "'greting' is not declared in the config block of Pulumi.yaml.")]
    [InlineData("configKey in the project namespace not declared", "    configKey: greeting\n", "    configKey: demo:greting\n", "parameters[0].configKey", "'greting' is not declared")]
    [InlineData("configKey malformed", "    configKey: greeting\n", "    configKey: 'a b'\n", "parameters[0].configKey", "must be a Pulumi config key")]
    [InlineData("configKey set twice", "    configKey: password\n", "    configKey: greeting\n", "parameters[3].configKey", "'greeting' is already set by parameters[0].")]
    [InlineData("default other than the program's", "    default: hi\n", "    default: hello\n", "parameters[0].default", "differs from the default of config key 'greeting' in Pulumi.yaml ('hello' here, 'hi' there); a cleared parameter gets the program's default")]
    [InlineData("integer default other than the program's", "    default: 2\n", "    default: 3\n", "parameters[1].default", "('3' here, '2' there)")]
    [InlineData("secret declared in Pulumi.yaml", "    secret: true\n    configKey: password\n", "    configKey: password\n", "parameters[3].secret", "must be true: Pulumi.yaml declares config key 'password' secret.")]
    [InlineData("secret and immutable", "    secret: true\n", "    secret: true\n    immutable: true\n", "parameters[3].immutable", "cannot be set on a secret")]
    [InlineData("parameter name not an identifier", "  - name: image\n", "  - name: image-name\n", "parameters[2].name", "must start with a letter and hold only letters and digits")]
    [InlineData("kubeconfig output missing", "  kubeconfig: kubeconfig\n", "  kubeconfig: kubecfg\n", "outputs.kubeconfig", "'kubecfg' is not an output of Pulumi.yaml.")]
    [InlineData("highlighted output missing", "    - name: url\n", "    - name: address\n", "outputs.highlight[0].name", "'address' is not an output of Pulumi.yaml.")]
    [InlineData("imageConfigKey not a parameter's", "    imageConfigKey: image", "    imageConfigKey: appImage", "workloads[0].imageConfigKey", "'appImage' is not the configKey of any parameter.")]
    [InlineData("imageConfigKey missing for pulumi-config", "    imageConfigKey: image", "", "workloads[0].imageConfigKey", "is required for strategy pulumi-config")]
    [InlineData("unknown strategy", "    strategy: pulumi-config\n", "    strategy: kubectl\n", "workloads[0].strategy", "must be pulumi-config or patch (not 'kubectl').")]
    [InlineData("reference to no parameter", "    namespace: demo\n", "    namespace: ${space}\n", "workloads[0].namespace", "refers to '${space}', but there is no parameter 'space'.")]
    [InlineData("reference to a secret", "    namespace: demo\n", "    namespace: ${password}\n", "workloads[0].namespace", "a secret parameter")]
    [InlineData("invalid namespace", "    namespace: demo\n", "    namespace: Demo_1\n", "workloads[0].namespace", "must be a DNS-1123 label")]
    [InlineData("unknown class", "displayName: Demo\n", "displayName: Demo\nclasses: [development, prod]\n", "classes[1]", "must be one of: development, staging, production, ephemeral (not 'prod').")]
    [InlineData("wrongly typed field", "    configKey: greeting\n", "    configKey: greeting\n    immutable: maybe\n", "parameters[0].immutable", "must be true or false, not 'maybe'.")]
    public void Load_BrokenManifest_ReportsTheFileAndField(string broken, string find, string replace, string field, string message)
    {
        Assert.Contains(find, TemplateFolder.Manifest, StringComparison.Ordinal);
        var manifest = ReplaceFirst(TemplateFolder.Manifest, find, replace);

        var catalog = _folder.Add("demo", manifest).Load();

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal(("demo", "demo/portal.yaml", field), (problem.Template, problem.File, problem.Field));
        Assert.True(problem.Message.Contains(message, StringComparison.Ordinal), $"{broken}: {problem}");
        Assert.Empty(catalog.Templates);
    }

    [Fact]
    public void Load_DefaultsAgreeingInValueNotSpelling_OrOnlyInTheProgram_AreFine()
    {
        // "02" is the integer 2; a bare config value is the program's default; a parameter without a default leaves it alone.
        var manifest = TemplateFolder.Manifest.Replace("    default: 2\n", "    default: 02\n", StringComparison.Ordinal);
        var program = TemplateFolder.Program
            .Replace("  greeting:\n    type: string\n    default: hi\n", "  greeting: hi\n", StringComparison.Ordinal)
            .Replace("  image:\n    type: string\n", "  image:\n    type: string\n    default: nginx:1.27\n", StringComparison.Ordinal);
        Assert.NotEqual(TemplateFolder.Program, program);

        var catalog = _folder.Add("demo", manifest, program).Load();

        Assert.Empty(catalog.Problems);
    }

    [Fact]
    public void Load_ParameterTypeAgainstDeclaredType_IsReported()
    {
        var manifest = TemplateFolder.Manifest.Replace("    type: integer\n", "    type: number\n", StringComparison.Ordinal);

        var problem = Assert.Single(_folder.Add("demo", manifest).Load().Problems);

        Assert.Equal("parameters[1].type", problem.Field);
        Assert.Equal("does not fit config key 'count', which Pulumi.yaml declares as integer.", problem.Message);
    }

    [Fact]
    public void Load_InvalidYaml_ReportsTheFileWithLine()
    {
        var problem = Assert.Single(_folder.Add("demo", "displayName: Demo\nparameters: [\n  - name: x\n").Load().Problems);

        Assert.Equal(("demo/portal.yaml", ""), (problem.File, problem.Field));
        Assert.StartsWith("is not valid YAML (line ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateYamlKey_IsInvalidYaml()
    {
        var problem = Assert.Single(_folder.Add("demo", "displayName: Demo\ndisplayName: Again\n").Load().Problems);

        Assert.Equal(("demo/portal.yaml", ""), (problem.File, problem.Field));
        Assert.StartsWith("is not valid YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingPulumiYaml_ReportsIt()
    {
        var problem = Assert.Single(_folder.Add("demo", program: null).Load().Problems);

        Assert.Equal(("demo/Pulumi.yaml", ""), (problem.File, problem.Field));
        Assert.StartsWith("is missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingManifest_ReportsIt()
    {
        var problem = Assert.Single(_folder.Add("demo", manifest: null).Load().Problems);

        Assert.Equal(("demo/portal.yaml", ""), (problem.File, problem.Field));
    }

    [Fact]
    public void Load_ProgramNotYamlRuntimeWithoutName_ReportsBoth()
    {
        var program = TemplateFolder.Program.Replace("name: demo\nruntime: yaml\n", "runtime: nodejs\n", StringComparison.Ordinal);

        var problems = _folder.Add("demo", program: program).Load().Problems;

        Assert.Equal(["demo/Pulumi.yaml: name: is required.", "demo/Pulumi.yaml: runtime: must be 'yaml', not 'nodejs': the portal runs programs without a language SDK."], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Load_FolderNameNotDnsLabel_ReportsTheFolder()
    {
        var problem = Assert.Single(_folder.Add("Demo_Template").Load().Problems);

        Assert.Equal(("Demo_Template", "Demo_Template/", ""), (problem.Template, problem.File, problem.Field));
        Assert.StartsWith("is not a valid template name", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManyProblems_ReportsEveryOne()
    {
        var manifest = TemplateFolder.Manifest
            .Replace("displayName: Demo\n", "", StringComparison.Ordinal)
            .Replace("    default: 2\n", "    default: 9\n", StringComparison.Ordinal)
            .Replace("  kubeconfig: kubeconfig\n", "  kubeconfig: kubecfg\n", StringComparison.Ordinal)
            .Replace("    container: app\n", "    containr: app\n", StringComparison.Ordinal);

        var problems = _folder.Add("demo", manifest).Load().Problems;

        Assert.Equal(
            ["displayName", "parameters[1].default", "outputs.kubeconfig", "workloads[0].container", "workloads[0].containr"],
            problems.Select(p => p.Field));
    }

    [Fact]
    public void Load_BrokenTemplateBesideAGoodOne_LoadsTheGoodOne()
    {
        _folder.Add("good").Add("broken", TemplateFolder.Manifest.Replace("    type: integer\n", "    type: int\n", StringComparison.Ordinal));

        var catalog = _folder.Load();

        Assert.Equal("good", Assert.Single(catalog.Templates).Name);
        Assert.Equal("broken", Assert.Single(catalog.Problems).Template);
        Assert.NotNull(catalog.Find("good"));
        Assert.Null(catalog.Find("broken"));
    }

    [Fact]
    public void Load_HiddenFolder_IsNotATemplate()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, ".git"));

        var catalog = _folder.Add("demo").Load();

        Assert.Empty(catalog.Problems);
        Assert.Single(catalog.Templates);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var index = text.IndexOf(find, StringComparison.Ordinal);
        return text[..index] + replace + text[(index + find.Length)..];
    }
}
