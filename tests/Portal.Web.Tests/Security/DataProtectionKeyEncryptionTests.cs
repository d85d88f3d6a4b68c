using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Secrets;

namespace Portal.Web.Tests.Security;

/// <summary>
/// <c>DataProtection:CertificatePath</c>: the keys in the data directory are written encrypted with the certificate and
/// read back with it after a restart; a missing or unusable certificate stops startup naming the setting; the password
/// is never logged.
/// </summary>
public sealed class DataProtectionKeyEncryptionTests : IDisposable
{
    private const string Password = "pfx-Pa55-zebra-4417";

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("portal-dp-tests-");

    [Fact]
    public async Task Startup_WithCertificate_WritesKeysEncrypted_AndReadsThemBackAfterARestart()
    {
        var pfx = WriteSelfSignedPfx(Password);
        var data = Path.Combine(_scratch.FullName, "data");
        var settings = new Dictionary<string, string?>
        {
            ["Portal:DataDirectory"] = data,
            [DataProtectionCertificate.PathKey] = pfx,
            [DataProtectionCertificate.PasswordKey] = Password,
        };
        var logs = new CapturingLoggerProvider();

        string protectedValue;
        await using (var first = Start(settings, logs))
        {
            using var client = first.CreateClient();
            protectedValue = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hello");
        }

        var keys = Directory.GetFiles(Path.Combine(data, "keys"), "*.xml");
        Assert.NotEmpty(keys);
        Assert.All(keys, file =>
        {
            var xml = File.ReadAllText(file);
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });

        // A new process has only the file: the certificate decrypts the key it wrote.
        await using (var second = Start(settings, logs))
        {
            using var client = second.CreateClient();
            Assert.Equal("hello", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedValue));
        }

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Password, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("not-a-pfx")]
    [InlineData("wrong-password")]
    public async Task Startup_CertificateUnusable_FailsNamingTheSetting_AndNeverShowsThePassword(string problem)
    {
        var path = problem switch
        {
            "missing" => Path.Combine(_scratch.FullName, "nowhere.pfx"),
            "not-a-pfx" => WriteFile("garbage.pfx", "this is not a certificate"u8.ToArray()),
            _ => WriteSelfSignedPfx("another-password-0000"),
        };
        var logs = new CapturingLoggerProvider();
        await using var factory = Start(new Dictionary<string, string?>
        {
            [DataProtectionCertificate.PathKey] = path,
            [DataProtectionCertificate.PasswordKey] = Password,
        }, logs);

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var failures = Flatten(exception).OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        var failure = Assert.Single(failures, f => f.StartsWith(DataProtectionCertificate.PathKey, StringComparison.Ordinal));
        Assert.Contains(Path.GetFileName(path), failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_PasswordWithoutCertificate_FailsNamingBothSettings()
    {
        await using var factory = Start(new Dictionary<string, string?> { [DataProtectionCertificate.PasswordKey] = Password }, new CapturingLoggerProvider());

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var failure = Assert.Single(Flatten(exception).OfType<OptionsValidationException>().SelectMany(e => e.Failures).Distinct());
        Assert.Contains(DataProtectionCertificate.PasswordKey, failure, StringComparison.Ordinal);
        Assert.Contains(DataProtectionCertificate.PathKey, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, exception.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Live", null, true)]
    [InlineData("Live", "keys.pfx", false)]
    [InlineData("Sandbox", null, false)]
    public void KeysConfigurator_WarnsOnlyInLiveModeWithoutACertificate(string mode, string? certificatePath, bool warns)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:Mode"] = mode,
            ["Portal:DataDirectory"] = _scratch.FullName,
            [DataProtectionCertificate.PathKey] = certificatePath,
        }).Build();
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));

        new DataProtectionKeysConfigurator(configuration, loggerFactory).Configure(new KeyManagementOptions());

        var warnings = logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        if (warns)
        {
            var warning = Assert.Single(warnings);
            Assert.Contains("unencrypted", warning, StringComparison.Ordinal);
            Assert.Contains(DataProtectionCertificate.PathKey, warning, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(warnings);
        }
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    private static PortalWebFactoryWithLogs Start(Dictionary<string, string?> settings, CapturingLoggerProvider logs) => new(settings, logs);

    private string WriteSelfSignedPfx(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Portal Data Protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return WriteFile($"dp-{Guid.NewGuid():N}.pfx", certificate.Export(X509ContentType.Pfx, password));
    }

    private string WriteFile(string name, byte[] content)
    {
        var path = Path.Combine(_scratch.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        IEnumerable<Exception> inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var child in inner.SelectMany(Flatten))
        {
            yield return child;
        }
    }

    /// <summary>A <see cref="PortalWebFactory"/> whose log lines are captured.</summary>
    private sealed class PortalWebFactoryWithLogs(Dictionary<string, string?> settings, CapturingLoggerProvider logs) : IAsyncDisposable
    {
        private readonly PortalWebFactory _root = new(settings);

        private WebApplicationFactory<Program>? _factory;

        public IServiceProvider Services => Factory.Services;

        private WebApplicationFactory<Program> Factory =>
            _factory ??= _root.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));

        public HttpClient CreateClient() => Factory.CreateClient();

        public async ValueTask DisposeAsync()
        {
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }

            await _root.DisposeAsync();
        }
    }
}
