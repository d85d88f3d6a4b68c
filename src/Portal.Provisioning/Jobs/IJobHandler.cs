namespace Portal.Provisioning.Jobs;

/// <summary>
/// Runs the jobs of one kind. Registered with <see cref="JobServiceCollectionExtensions.AddJobHandler{THandler}"/>
/// and resolved in a fresh scope per execution.
/// </summary>
public interface IJobHandler
{
    /// <summary>
    /// Does the work. Throw to fail the job. Honour <see cref="JobExecutionContext.CancellationToken"/> (a user's
    /// cancel or a shutdown); <see cref="JobExecutionContext.ForceCancellationToken"/> fires on a second cancel, when
    /// child processes should be killed outright.
    /// </summary>
    Task ExecuteAsync(JobExecutionContext context);
}
