namespace Portal.Provisioning.Templates;

/// <summary>A stack output shown prominently on the environment page and the dashboard.</summary>
/// <param name="Name">The output's name in the program.</param>
/// <param name="Label">What to call it ("Load balancer DNS").</param>
public sealed record HighlightedOutput(string Name, string Label);
