using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Tests.Pulumi;

public sealed class EngineEventParserTests
{
    private const string ResourcePre = """{"sequence":4,"timestamp":1767607301,"resourcePreEvent":{"metadata":{"op":"update","urn":"urn:pulumi:dev::demo::random:index/randomPet:RandomPet::pet","type":"random:index/randomPet:RandomPet","old":null,"new":null,"diffs":["prefix"],"keys":["length"],"detailedDiff":{"prefix":{"diffKind":"add","inputDiff":true}},"logical":true,"provider":""},"planning":true}}""";

    [Fact]
    public void Parse_ResourcePreEvent_ReturnsStartedResourceWithOpUrnTypeAndName()
    {
        var progress = Assert.IsType<ResourceProgress>(EngineEventParser.Parse(ResourcePre, TimeProvider.System, out var end));

        Assert.False(end);
        Assert.Equal(4, progress.Sequence);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767607301), progress.Timestamp);
        Assert.Equal(ResourceEventPhase.Started, progress.Phase);
        Assert.Equal("update", progress.Operation);
        Assert.Equal("random:index/randomPet:RandomPet", progress.Type);
        Assert.Equal("pet", progress.Name);
        Assert.True(progress.IsPreview);
        Assert.Equal(["prefix"], progress.ChangedKeys);
        Assert.Equal(["length"], progress.ReplaceKeys);
    }

    [Theory]
    [InlineData("resOutputsEvent", ResourceEventPhase.Completed)]
    [InlineData("resOpFailedEvent", ResourceEventPhase.Failed)]
    public void Parse_ResourceOutcomeEvents_MapToPhase(string kind, ResourceEventPhase phase)
    {
        var line = """{"sequence":1,"timestamp":1,"KIND":{"metadata":{"op":"create","urn":"urn:pulumi:dev::p::aws:ec2:Vpc::vpc","type":"aws:ec2:Vpc","old":null,"new":null,"detailedDiff":null,"provider":""},"status":0,"steps":0}}"""
            .Replace("KIND", kind, StringComparison.Ordinal);

        var progress = Assert.IsType<ResourceProgress>(EngineEventParser.Parse(line, TimeProvider.System, out _));

        Assert.Equal(phase, progress.Phase);
        Assert.Equal("vpc", progress.Name);
    }

    [Fact]
    public void Parse_DiagnosticWithColorDirectives_StripsColorsAndKeepsSeverityAndUrn()
    {
        const string line = """{"sequence":5,"timestamp":1767607302,"diagnosticEvent":{"urn":"urn:pulumi:dev::demo::x::y","prefix":"<{%fg 1%}>error: <{%reset%}>","message":"<{%reset%}>update failed: boom<{%reset%}>\n","color":"raw","severity":"error"}}""";

        var progress = Assert.IsType<DiagnosticProgress>(EngineEventParser.Parse(line, TimeProvider.System, out _));

        Assert.Equal("error", progress.Severity);
        Assert.Equal("error: update failed: boom\n", progress.Message);
        Assert.Equal("urn:pulumi:dev::demo::x::y", progress.Urn);
    }

    [Fact]
    public void Parse_SummaryEvent_ReadsCountsDurationPreviewAndResult()
    {
        const string line = """{"sequence":8,"timestamp":1767607302,"summaryEvent":{"maybeCorrupt":false,"durationSeconds":2,"resourceChanges":{"create":3,"same":1},"PolicyPacks":{},"isPreview":true,"result":"canceled"}}""";

        var summary = Assert.IsType<SummaryProgress>(EngineEventParser.Parse(line, TimeProvider.System, out _));

        Assert.Equal(new Dictionary<string, int> { ["create"] = 3, ["same"] = 1 }, summary.ResourceChanges);
        Assert.Equal(2, summary.DurationSeconds);
        Assert.True(summary.IsPreview);
        Assert.Equal("canceled", summary.Result);
    }

    [Fact]
    public void Parse_PreludeAndStdout_ReturnConfigAndStdoutDiagnostic()
    {
        var prelude = Assert.IsType<PreludeProgress>(EngineEventParser.Parse(
            """{"sequence":0,"timestamp":1,"preludeEvent":{"config":{"demo:apiKey":"[secret]","demo:n":"1"}}}""", TimeProvider.System, out _));
        var stdout = Assert.IsType<DiagnosticProgress>(EngineEventParser.Parse(
            """{"sequence":7,"timestamp":1,"stdoutEvent":{"message":"^C received; cancelling.\n<{%fg 9%}>Note<{%reset%}>","color":"always"}}""", TimeProvider.System, out _));

        Assert.Equal("[secret]", prelude.Config["demo:apiKey"]);
        Assert.Equal("stdout", stdout.Severity);
        Assert.Equal("^C received; cancelling.\nNote", stdout.Message);
    }

    [Fact]
    public void Parse_CancelEvent_SignalsEndOfStream()
    {
        Assert.Null(EngineEventParser.Parse("""{"sequence":9,"timestamp":1,"cancelEvent":{}}""", TimeProvider.System, out var end));
        Assert.True(end);
    }

    [Theory]
    [InlineData("""{"sequence":3,"timestamp":1,"progressEvent":{"type":"plugin-download","id":"x","message":"m","received":1,"total":2,"done":false}}""")]
    [InlineData("""{"sequence":3,"timestamp":1,"policyLoadEvent":{}}""")]
    public void Parse_UnknownEventKinds_AreIgnored(string line)
    {
        Assert.Null(EngineEventParser.Parse(line, TimeProvider.System, out var end));
        Assert.False(end);
    }

    [Theory]
    [InlineData("""{"sequence":3,"timestamp":1,"diagnosticEv""")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"sequence":3,"timestamp":1,"resourcePreEvent":{}}""")]
    public void Parse_MalformedLines_ReturnMalformedProgressInsteadOfThrowing(string line)
    {
        var malformed = Assert.IsType<MalformedEventProgress>(EngineEventParser.Parse(line, TimeProvider.System, out var end));

        Assert.False(end);
        Assert.Equal(line, malformed.Line);
    }
}
