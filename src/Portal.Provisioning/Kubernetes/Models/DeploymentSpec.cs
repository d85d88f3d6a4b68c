namespace Portal.Provisioning.Kubernetes.Models;

public sealed class DeploymentSpec
{
    /// <summary>Null means the server default (1); kubectl's rollout check treats null specially.</summary>
    public int? Replicas { get; set; }
    public LabelSelector? Selector { get; set; }
    public PodTemplateSpec? Template { get; set; }
    public DeploymentStrategy? Strategy { get; set; }
    public int? MinReadySeconds { get; set; }
    public int? RevisionHistoryLimit { get; set; }
    public bool? Paused { get; set; }
    public int? ProgressDeadlineSeconds { get; set; }
}
