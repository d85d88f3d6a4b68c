namespace Portal.Provisioning.Releases;

/// <summary>One compared value between two releases. Secret values are never shown: Before/After read <c>[secret]</c>.</summary>
/// <param name="Key">"image" or a parameter name.</param>
/// <param name="Before">The value in the older release (null when absent).</param>
/// <param name="After">The value in the newer release (null when absent).</param>
/// <param name="IsSecret">A secret parameter: changed when it was set again between the two releases.</param>
/// <param name="Changed">Whether the two releases differ here.</param>
public sealed record ReleaseDiffLine(string Key, string? Before, string? After, bool IsSecret, bool Changed);
