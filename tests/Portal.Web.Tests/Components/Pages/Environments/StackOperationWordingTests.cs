using Portal.Web.Components.Pages.Environments;
using Radzen;

namespace Portal.Web.Tests.Components.Pages.Environments;

/// <summary>A step's op as a person reads it: what the portal did, or in a drift check what the cloud shows.</summary>
public sealed class StackOperationWordingTests
{
    [Theory]
    [InlineData("delete", false, "2 deleted", BadgeStyle.Danger, "op op-delete")]
    [InlineData("create", false, "2 created", BadgeStyle.Success, "op op-create")]
    [InlineData("same", false, "2 unchanged", BadgeStyle.Dark, "op op-same")]
    [InlineData("delete", true, "2 deleted outside Pulumi", BadgeStyle.Warning, "op op-drift")]
    [InlineData("update", true, "2 changed outside Pulumi", BadgeStyle.Warning, "op op-drift")]
    [InlineData("same", true, "2 in sync", BadgeStyle.Dark, "op")]
    public void Wording_ByOperationAndJob_DriftNeverReadsAsTheCheckDeleting(string operation, bool drift, string count, BadgeStyle style, string css)
    {
        Assert.Equal(count, StackOperationWording.Count(operation, 2, drift));
        Assert.Equal(style, StackOperationWording.Style(operation, drift));
        Assert.Equal(css, StackOperationWording.CssClass(operation, drift));
    }

    [Fact]
    public void Row_DriftCheckDelete_SaysGoneOutsidePulumiAndAnUpdateKeepsItsOp()
    {
        Assert.Equal("deleted outside Pulumi", StackOperationWording.Row("delete", drift: true));
        Assert.Equal("update", StackOperationWording.Row("update", drift: false));
    }
}
