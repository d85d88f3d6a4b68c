using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Tests.Templates;

public sealed class TemplateOptionsValidatorTests
{
    [Fact]
    public void Validate_MissingFolder_FailsNamingTheResolvedPath()
    {
        var options = new TemplateOptions { Directory = "no-such-templates" };

        var result = new TemplateOptionsValidator().Validate(null, options);

        var expected = Path.Combine(AppContext.BaseDirectory, "no-such-templates");
        Assert.Equal([$"Templates:Directory: the folder '{expected}' does not exist (relative paths are resolved against {AppContext.BaseDirectory})."], result.Failures);
    }

    [Fact]
    public void Validate_EmptyDirectory_Fails()
    {
        var result = new TemplateOptionsValidator().Validate(null, new TemplateOptions { Directory = " " });

        Assert.Equal(["Templates:Directory is required (the folder holding one sub-folder per template)."], result.Failures);
    }

    [Fact]
    public void Validate_ExistingAbsoluteFolder_Succeeds()
    {
        using var folder = new TemplateFolder();

        var result = new TemplateOptionsValidator().Validate(null, new TemplateOptions { Directory = folder.Path });

        Assert.True(result.Succeeded);
    }
}
