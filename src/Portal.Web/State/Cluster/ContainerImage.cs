namespace Portal.Web.State.Cluster;

/// <summary>One container of a Deployment's pod template and the image it runs.</summary>
public sealed record ContainerImage(string Container, string Image);
