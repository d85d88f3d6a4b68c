namespace Portal.Data.Entities;

public static class JobStateExtensions
{
    /// <summary>True once the job can change no more.</summary>
    public static bool IsFinished(this JobState state) =>
        state is JobState.Succeeded or JobState.Failed or JobState.Cancelled or JobState.Interrupted;
}
