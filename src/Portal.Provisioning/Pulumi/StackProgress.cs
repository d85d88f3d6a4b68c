using System.Text.Json.Serialization;

namespace Portal.Provisioning.Pulumi;

/// <summary>One typed step of a running Pulumi command, handed to the caller's <see cref="StackProgressHandler"/>.
/// Secret values never appear in progress: they are the <c>[secret]</c> placeholder.</summary>
/// <param name="Sequence">The engine event sequence number, or -1 for process output lines.</param>
/// <param name="Timestamp">When the engine stamped the event (whole seconds), or when the line was read.</param>
/// <remarks>Serializes polymorphically with a <c>kind</c> discriminator, so job events can be stored as JSON and read back.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ResourceProgress), "resource")]
[JsonDerivedType(typeof(DiagnosticProgress), "diagnostic")]
[JsonDerivedType(typeof(SummaryProgress), "summary")]
[JsonDerivedType(typeof(PreludeProgress), "prelude")]
[JsonDerivedType(typeof(OutputLineProgress), "output")]
[JsonDerivedType(typeof(MalformedEventProgress), "malformed")]
public abstract record StackProgress(long Sequence, DateTimeOffset Timestamp);
