using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Tests.Templates;

/// <summary>A templates folder of its own for one test, with a small valid template to start from and break.</summary>
public sealed class TemplateFolder : IDisposable
{
    public const string Program = """
        name: demo
        runtime: yaml
        config:
          greeting:
            type: string
            default: hi
          count:
            type: integer
            default: 2
          image:
            type: string
          password:
            type: string
            secret: true
        outputs:
          kubeconfig:
            fn::secret: x
          url: http://x
        """;

    public const string Manifest = """
        displayName: Demo
        parameters:
          - name: greeting
            type: string
            default: hi
            configKey: greeting
          - name: count
            type: integer
            minimum: 1
            maximum: 5
            default: 2
            configKey: count
          - name: image
            type: string
            configKey: image
          - name: password
            type: string
            secret: true
            configKey: password
        outputs:
          kubeconfig: kubeconfig
          highlight:
            - name: url
        workloads:
          - name: app
            namespace: demo
            deployment: app
            container: app
            strategy: pulumi-config
            imageConfigKey: image
        """;

    public TemplateFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "portal-templates-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes a template folder; a null file is left out.</summary>
    public TemplateFolder Add(string name, string? manifest = Manifest, string? program = Program)
    {
        var folder = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(folder);
        if (manifest is not null)
        {
            File.WriteAllText(System.IO.Path.Combine(folder, "portal.yaml"), manifest);
        }

        if (program is not null)
        {
            File.WriteAllText(System.IO.Path.Combine(folder, "Pulumi.yaml"), program);
        }

        return this;
    }

    public TemplateCatalog Load() => Load(Path);

    public static TemplateCatalog Load(string directory) =>
        new(Options.Create(new TemplateOptions { Directory = directory }), NullLogger<TemplateCatalog>.Instance);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
