using Portal.Data.Entities;

namespace Portal.Provisioning.Jobs;

/// <summary>What live views hear: a job changed state, or wrote an event (then <see cref="Event"/> is set).</summary>
public sealed record JobUpdate(long JobId, long? EnvironmentId, JobState State, JobEvent? Event);
