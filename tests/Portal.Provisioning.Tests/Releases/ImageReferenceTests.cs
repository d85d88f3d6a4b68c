using Portal.Provisioning.Releases;

namespace Portal.Provisioning.Tests.Releases;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("nginx:1.27", null, "nginx", "1.27", null)]
    [InlineData("library/nginx:1.27-alpine", null, "library/nginx", "1.27-alpine", null)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1.4.2", "123456789012.dkr.ecr.us-east-1.amazonaws.com", "team/web", "1.4.2", null)]
    [InlineData("localhost:5000/web:dev_1", "localhost:5000", "web", "dev_1", null)]
    [InlineData("registry.example.com:443/a/b/c:v2", "registry.example.com:443", "a/b/c", "v2", null)]
    [InlineData("ghcr.io/org/my__app:latest", "ghcr.io", "org/my__app", "latest", null)]
    [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null, "nginx", null, "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null, "nginx", "1.27", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void TryParse_ValidReference_SplitsRegistryRepositoryTagAndDigest(string text, string? registry, string repository, string? tag, string? digest)
    {
        Assert.True(ImageReference.TryParse(text, out var reference, out var error), error);
        Assert.Equal(new ImageReference(registry, repository, tag, digest), reference);
        Assert.Equal(text, reference.ToString());
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("  ", "required")]
    [InlineData("nginx 1.27", "spaces")]
    [InlineData("nginx", "Add a tag")]
    [InlineData("registry.example.com/web", "Add a tag")]
    [InlineData("Nginx:1.27", "lowercase")]
    [InlineData("team/Web:1.0", "lowercase")]
    [InlineData("nginx:-bad", "Tag '-bad' is invalid")]
    [InlineData("nginx:.bad", "Tag '.bad' is invalid")]
    [InlineData("nginx:", "Tag '' is invalid")]
    [InlineData("nginx:bad/tag", "Registry 'nginx:bad'")]
    [InlineData("nginx@sha256:abc", "Digest 'sha256:abc' is invalid")]
    [InlineData("nginx@md5:0123456789abcdef0123456789abcdef", "Digest")]
    [InlineData(":1.27", "repository is missing")]
    [InlineData("team//web:1", "empty component")]
    [InlineData("-bad.example.com/web:1", "Registry '-bad.example.com'")]
    [InlineData("web-:1", "Repository component 'web-'")]
    [InlineData("we..b:1", "Repository component 'we..b'")]
    public void Validate_InvalidReference_SaysWhatIsWrong(string? text, string reason)
    {
        Assert.False(ImageReference.TryParse(text, out var reference, out var error));
        Assert.Null(reference);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Equal(error, ImageReference.Validate(text));
    }

    [Fact]
    public void Validate_TagOf129Characters_IsRejected()
    {
        Assert.Null(ImageReference.Validate("nginx:" + new string('a', 128)));
        Assert.Contains("up to 128", ImageReference.Validate("nginx:" + new string('a', 129)), StringComparison.Ordinal);
    }
}
