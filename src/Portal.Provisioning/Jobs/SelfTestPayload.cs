namespace Portal.Provisioning.Jobs;

/// <summary>Input of <see cref="SelfTestJobHandler"/>.</summary>
public sealed record SelfTestPayload(int Steps = 5, int DelayMilliseconds = 400, int? FailAtStep = null);
