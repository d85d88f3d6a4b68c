using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Releases;

namespace Portal.Provisioning.Tests.Releases;

public sealed class ReleaseDifferTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compare_TwoReleases_ListsImageThenParametersThenSecretsMasked()
    {
        var older = Release(1, "web:1.0", new JsonObject { ["replicas"] = 2, ["logLevel"] = "info" }, new() { ["databasePassword"] = s_t0 });
        var newer = Release(2, "web:1.1", new JsonObject { ["replicas"] = 3, ["logLevel"] = "info", ["tier"] = "gold" }, new() { ["databasePassword"] = s_t0.AddHours(1) });

        // Either order: the older release is From.
        var diff = ReleaseDiffer.Compare(newer, older);

        Assert.Equal(1, diff.From.Id);
        Assert.Equal(
            [
                new ReleaseDiffLine("image", "web:1.0", "web:1.1", false, true),
                new ReleaseDiffLine("logLevel", "info", "info", false, false),
                new ReleaseDiffLine("replicas", "2", "3", false, true),
                new ReleaseDiffLine("tier", null, "gold", false, true),
                new ReleaseDiffLine("databasePassword", "[secret]", "[secret]", true, true),
            ],
            diff.Lines);
    }

    [Fact]
    public void Compare_ParameterClearedSinceTheOlderRelease_ShowsItAbsentNotNull()
    {
        var older = Release(1, "web:1.0", new JsonObject { ["logLevel"] = "debug" }, []);
        var newer = Release(2, "web:1.0", new JsonObject { ["logLevel"] = null }, []);
        var legacy = older with { Id = 3, ConfigJson = """{"parameters":{"logLevel":null},"secrets":{}}""" };

        Assert.Equal("""{"parameters":{},"secrets":{}}""", newer.ConfigJson);
        Assert.Equal(new ReleaseDiffLine("logLevel", "debug", null, false, true), ReleaseDiffer.Compare(older, newer).Lines[1]);
        Assert.Empty(ReleaseConfigSnapshot.Read(legacy.ConfigJson).Parameters);
    }

    [Fact]
    public void Compare_SecretSetAtTheSameTime_IsUnchangedAndNeverShowsAValue()
    {
        var a = Release(1, "web:1.0", [], new() { ["token"] = s_t0 });
        var b = Release(2, "web:1.0", [], new() { ["token"] = s_t0 });

        var line = Assert.Single(ReleaseDiffer.Compare(a, b).Lines, l => l.IsSecret);

        Assert.False(line.Changed);
        Assert.Equal(("[secret]", "[secret]"), (line.Before, line.After));
        Assert.DoesNotContain(ReleaseDiffer.Compare(a, b).Lines, l => l.Before?.Contains("2026", StringComparison.Ordinal) == true);
    }

    private static ReleaseSummary Release(long id, string image, JsonObject parameters, Dictionary<string, DateTimeOffset> secrets) =>
        new(id, "dev-1", "web", ReleaseKind.Release, "patch", null, image, null, ReleaseStatus.Succeeded, null, "alice", s_t0, s_t0, s_t0, id,
            ReleaseConfigSnapshot.ToJson(parameters, secrets));
}
