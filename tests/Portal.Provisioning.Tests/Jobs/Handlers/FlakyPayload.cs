namespace Portal.Provisioning.Tests.Jobs.Handlers;

public sealed record FlakyPayload(int Failures);
