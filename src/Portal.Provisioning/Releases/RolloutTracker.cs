using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Data.Entities;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Rollout;
using Portal.Provisioning.Kubernetes.Watching;

namespace Portal.Provisioning.Releases;

/// <summary>
/// Follows a Deployment's rollout the way <c>kubectl rollout status</c> does (watch the Deployment, evaluate each version
/// with <see cref="RolloutStatusEvaluator"/>, stop at Complete or Failed), reporting each new verdict as a job progress
/// event. Meanwhile it checks the Deployment's pods and reports containers that are waiting or crashing when they start
/// to, so the reason is in the log long before the progress deadline; at a failure it reads their last log lines.
/// </summary>
public sealed class RolloutTracker(IOptions<ReleaseOptions> options, TimeProvider clock)
{
    private static readonly HashSet<string> s_benignWaiting = new(StringComparer.Ordinal) { "ContainerCreating", "PodInitializing" };

    public async Task<RolloutOutcome> TrackAsync(JobExecutionContext job, IClusterClient client, WorkloadTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(target);
        var settings = options.Value;
        using var bound = new CancellationTokenSource(settings.RolloutTimeout, clock);
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        Deployment? latest = null;
        var checker = CheckPodsUntilCancelledAsync(job, client, target, () => latest, reported, watch.Token);
        RolloutVerdict verdict;
        try
        {
            verdict = await WatchAsync(job, client, target, d => latest = d, watch.Token);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            verdict = new RolloutVerdict(RolloutState.Failed,
                $"deployment \"{target.Deployment}\" did not finish rolling out within {settings.RolloutTimeout.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} minutes");
        }
        finally
        {
            await watch.CancelAsync();
            await checker;
        }

        var problems = latest is null ? [] : await ReadProblemsAsync(client, target, latest, withLogs: verdict.IsFailed, cancellationToken);
        foreach (var problem in problems.Where(p => reported.Add(p.Pod + "/" + p.Reason)))
        {
            await job.LogAsync(Describe(problem), JobEventLevel.Warning);
        }

        if (verdict.IsFailed)
        {
            foreach (var problem in problems.Where(p => p.LogLines.Count > 0))
            {
                await job.LogAsync($"Last log lines of {problem.Pod}/{problem.Container}:\n{string.Join('\n', problem.LogLines)}", JobEventLevel.Warning);
            }
        }

        return new RolloutOutcome(verdict, problems);
    }

    /// <summary>
    /// One look instead of a watch, after something else failed first (a <c>pulumi up</c> whose await gave up): the
    /// containers that are not coming up, logged with their last log lines.
    /// </summary>
    public async Task<IReadOnlyList<PodProblem>> InspectAsync(JobExecutionContext job, IClusterClient client, WorkloadTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            var deployment = await client.GetAsync(KubernetesResources.Deployments, target.Namespace, target.Deployment, cancellationToken);
            var problems = await ReadProblemsAsync(client, target, deployment, withLogs: true, cancellationToken);
            foreach (var problem in problems)
            {
                await job.LogAsync(Describe(problem) + (problem.LogLines.Count > 0 ? $" Last log lines:\n{string.Join('\n', problem.LogLines)}" : ""), JobEventLevel.Warning);
            }

            return problems;
        }
        catch (Exception ex) when (ex is KubernetesApiException or HttpRequestException or TimeoutException)
        {
            return [];
        }
    }

    /// <summary>One line for a problem, as the job log and the failure message say it.</summary>
    public static string Describe(PodProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var restarts = problem.RestartCount > 0 ? $", {problem.RestartCount} restart{(problem.RestartCount == 1 ? "" : "s")}" : "";
        return $"Pod {problem.Pod}: container {problem.Container} is {problem.Reason}{restarts}" + (string.IsNullOrEmpty(problem.Message) ? "." : $": {problem.Message}");
    }

    private static async Task<RolloutVerdict> WatchAsync(
        JobExecutionContext job, IClusterClient client, WorkloadTarget target, Action<Deployment> seen, CancellationToken cancellationToken)
    {
        string? last = null;
        var observe = new ObserveOptions { FieldSelector = "metadata.name=" + target.Deployment };
        await foreach (var change in client.ObserveAsync(KubernetesResources.Deployments, target.Namespace, observe, cancellationToken))
        {
            if (change.Type == ResourceChangeType.Deleted)
            {
                return new RolloutVerdict(RolloutState.Failed, "object has been deleted");
            }

            var deployment = change.Type == ResourceChangeType.Snapshot ? (change.Snapshot!.Count > 0 ? change.Snapshot[0] : null) : change.Item;
            if (deployment is null)
            {
                return new RolloutVerdict(RolloutState.Failed, $"deployments.apps \"{target.Deployment}\" not found");
            }

            seen(deployment);
            var verdict = RolloutStatusEvaluator.Evaluate(deployment);
            if (verdict.Message != last)
            {
                last = verdict.Message;
                var status = deployment.Status ?? new DeploymentStatus();
                await job.ReportProgressAsync(verdict.Message, new RolloutProgress(
                    target.Workload.Name, target.Namespace, target.Deployment, verdict.State.ToString(), verdict.Message,
                    deployment.Spec?.Replicas, status.UpdatedReplicas ?? 0, status.ReadyReplicas ?? 0, status.AvailableReplicas ?? 0),
                    verdict.IsFailed ? JobEventLevel.Error : JobEventLevel.Info);
            }

            if (verdict.State != RolloutState.InProgress)
            {
                return verdict;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException("The watch of the Deployment ended unexpectedly.");
    }

    private async Task CheckPodsUntilCancelledAsync(
        JobExecutionContext job, IClusterClient client, WorkloadTarget target, Func<Deployment?> latest, HashSet<string> reported, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.PodCheckInterval, clock, cancellationToken);
                if (latest() is not { } deployment)
                {
                    continue;
                }

                foreach (var problem in await ReadProblemsAsync(client, target, deployment, withLogs: false, cancellationToken))
                {
                    if (reported.Add(problem.Pod + "/" + problem.Reason))
                    {
                        await job.LogAsync(Describe(problem), JobEventLevel.Warning);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The rollout ended.
        }
        catch (Exception ex) when (ex is KubernetesApiException or HttpRequestException or TimeoutException)
        {
            // Pod checks only add detail: the verdict comes from the Deployment watch.
            await job.LogAsync($"Could not read the pods of {target.Deployment}: {ex.Message}", JobEventLevel.Warning);
        }
    }

    private async Task<IReadOnlyList<PodProblem>> ReadProblemsAsync(
        IClusterClient client, WorkloadTarget target, Deployment deployment, bool withLogs, CancellationToken cancellationToken)
    {
        var labels = deployment.Spec?.Selector?.MatchLabels;
        if (labels is not { Count: > 0 })
        {
            return [];
        }

        var selector = string.Join(',', labels.Select(l => $"{l.Key}={l.Value}"));
        var pods = await client.ListAsync(KubernetesResources.Pods, target.Namespace, new ListOptions { LabelSelector = selector }, cancellationToken);
        var problems = new List<PodProblem>();
        foreach (var pod in pods.Items.Where(p => p.Metadata.DeletionTimestamp is null))
        {
            var podName = pod.Metadata.Name ?? "";
            foreach (var status in pod.Status?.ContainerStatuses ?? [])
            {
                var waiting = status.State?.Waiting;
                if (waiting?.Reason is not { } reason || s_benignWaiting.Contains(reason))
                {
                    continue;
                }

                var lines = withLogs && problems.Count < 3
                    ? await ReadLogAsync(client, target.Namespace, podName, status, cancellationToken)
                    : [];
                problems.Add(new PodProblem(podName, status.Name, reason, waiting.Message, status.RestartCount, lines));
            }
        }

        return problems;
    }

    private async Task<IReadOnlyList<string>> ReadLogAsync(IClusterClient client, string ns, string pod, ContainerStatus status, CancellationToken cancellationToken)
    {
        try
        {
            // After a crash the current instance is waiting to restart: its previous instance has the story.
            var text = await client.ReadPodLogAsync(ns, pod, new PodLogOptions(status.Name, options.Value.LogTailLines, Previous: status.RestartCount > 0), cancellationToken);
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (KubernetesApiException ex)
        {
            return [$"(no log: {ex.Message})"];
        }
    }
}
