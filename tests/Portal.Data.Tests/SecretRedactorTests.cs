using Portal.Data.Redaction;

namespace Portal.Data.Tests;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_RegisteredSecrets_MaskedLongestFirst()
    {
        var redactor = new SecretRedactor();
        redactor.Register("hunter2-long");
        redactor.Register("hunter2-longer-still");

        Assert.Equal("a [secret] b [secret] c", redactor.Redact("a hunter2-longer-still b hunter2-long c"));
    }

    [Fact]
    public void Register_ShortOrEmptyValues_AreIgnored()
    {
        var redactor = new SecretRedactor();
        redactor.Register("");
        redactor.Register(null);
        redactor.Register("admin");

        Assert.Equal("admin logged in", redactor.Redact("admin logged in"));
    }

    [Theory]
    [InlineData("users:\n- name: u\n  user:\n    token: abcdef0123456789\n", "Authorization: Bearer abcdef0123456789")]
    [InlineData("""{"users":[{"name":"u","user":{"token":"abcdef0123456789"}}]}""", "Authorization: Bearer abcdef0123456789")]
    [InlineData("users:\n- user:\n    client-key-data: LS0tLS1CRUdJTiBQUklW\n", "key LS0tLS1CRUdJTiBQUklW")]
    public void Register_Kubeconfig_AlsoMasksTheCredentialsInside(string kubeconfig, string line)
    {
        var redactor = new SecretRedactor();
        redactor.Register(kubeconfig);

        Assert.DoesNotContain("abcdef0123456789", redactor.Redact(line), StringComparison.Ordinal);
        Assert.DoesNotContain("LS0tLS1CRUdJTiBQUklW", redactor.Redact(line), StringComparison.Ordinal);
        Assert.Equal("[secret]", redactor.Redact(kubeconfig));
    }

    [Fact]
    public void Redact_SecretInsideSerializedJson_IsMaskedInItsEscapedForm()
    {
        var redactor = new SecretRedactor();
        const string secret = "Tr0ub4dor&3+x\"q";
        redactor.Register(secret);

        var json = System.Text.Json.JsonSerializer.Serialize(new { password = secret });

        Assert.Equal("""{"password":"[secret]"}""", redactor.Redact(json));
    }
}
