namespace Portal.Web.Endpoints.Contracts;

/// <summary>The 200 body of a patch-strategy release preview: the image now and the image the release would set.</summary>
/// <param name="Strategy">Always <c>patch</c> here (a pulumi-config preview answers 202 with its preview job).</param>
/// <param name="CurrentImage">The container's image now.</param>
/// <param name="NewImage">The image the release would set.</param>
public sealed record ReleasePreviewItem(string? Strategy, string? CurrentImage, string? NewImage);
